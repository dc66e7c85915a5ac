export default definePageConfig({ navigationBarTitleText: '项目备案审核' });
