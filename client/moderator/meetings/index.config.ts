export default definePageConfig({ navigationBarTitleText: '协商会议' });
