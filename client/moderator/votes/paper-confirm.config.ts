export default definePageConfig({ navigationBarTitleText: '待确认纸质选票' });
