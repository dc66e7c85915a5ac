export default definePageConfig({
  navigationBarTitleText: '落实进展',
});
