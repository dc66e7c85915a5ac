import type { UserConfigExport } from '@tarojs/cli';

/** Development builds (`--watch`): readable output, full logs. */
export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
