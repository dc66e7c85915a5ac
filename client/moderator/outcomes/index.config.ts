export default definePageConfig({
  navigationBarTitleText: '决议公示与落实',
});
