export default definePageConfig({
  navigationBarTitleText: '决议公示',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
