export default definePageConfig({
  navigationBarTitleText: '投票记录',
});
