import type { UserConfigExport } from '@tarojs/cli';

/** Production builds: minified (Taro's defaults), quiet logs. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
