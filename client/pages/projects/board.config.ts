export default definePageConfig({ navigationBarTitleText: '项目公示' });
