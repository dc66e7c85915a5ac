export default definePageConfig({ navigationBarTitleText: '居民名册导入' });
