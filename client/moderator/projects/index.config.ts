export default definePageConfig({ navigationBarTitleText: '三社联动项目' });
