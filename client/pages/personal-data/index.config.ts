export default definePageConfig({ navigationBarTitleText: '隐私与个人信息' });
