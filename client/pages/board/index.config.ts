export default definePageConfig({
  navigationBarTitleText: '公示栏',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
