export default definePageConfig({ navigationBarTitleText: '会议记录（打印版）' });
