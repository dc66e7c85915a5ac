export default definePageConfig({ navigationBarTitleText: '认证房屋' });
