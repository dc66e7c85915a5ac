export default definePageConfig({ navigationBarTitleText: '统计与台账' });
