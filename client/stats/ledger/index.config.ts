export default definePageConfig({ navigationBarTitleText: '台账（打印版）' });
