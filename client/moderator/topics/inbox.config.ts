export default definePageConfig({ navigationBarTitleText: '议题受理' });
