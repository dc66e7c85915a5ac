import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const sharedRoot = path.resolve(root, 'shared');

/** API origin baked into the weapp build; H5 always talks to its own origin. */
const DEFAULT_API_BASE = 'http://127.0.0.1:3000';

/**
 * Build-time settings: every `TARO_APP_*` variable of the build's environment
 * becomes `process.env.TARO_APP_*` in client code (Taro itself only reads them
 * from `.env` files, which win over the environment when both are present).
 */
function taroAppEnv(): Record<string, string> {
  const values: Record<string, string> = { TARO_APP_API_BASE: DEFAULT_API_BASE };
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TARO_APP_') && value !== undefined) values[key] = value;
  }
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]));
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'weapp';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yishi',
    // One design width for our styles and NutUI's (both are written for a 375 px wide phone).
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'client',
    outputRoot: `dist/${platform}`,
    plugins: [],
    env: taroAppEnv(),
    defineConstants: {},
    alias: {
      '@': path.resolve(root, 'client'),
      '@shared': path.resolve(sharedRoot, 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedRoot] },
      // Modules used only by a subpackage move into that subpackage.
      optimizeMainPackage: { enable: true },
      // Page and component styles do not depend on import order (overrides use
      // more specific selectors), so the order warnings are noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      // The server serves dist/h5 at `/`; hash routing keeps deep links on index.html.
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Plain HTML elements (div, button, img) instead of web components:
      // lighter, real buttons for screen readers, and the same elements the
      // jsdom page tests render.
      useHtmlComponents: true,
      compile: { include: [sharedRoot] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Plain CSS pixels on the web (375 px design = CSS px, for styles and
        // for Taro.pxTransform at run time): Taro's default rem scaling would
        // blow every size up by 1.7x in a desktop window. With `px` Taro also
        // needs no root-font-size script in index.html.
        pxtransform: {
          enable: true,
          // @ts-expect-error Taro's types omit 'px', which postcss-pxtransform and Taro.pxTransform support.
          config: { targetUnit: 'px' },
        },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Pages load lazily; with Taro's default (`initial` chunks only) each
        // page chunk carried its own copy of NutUI, zod and the services.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
