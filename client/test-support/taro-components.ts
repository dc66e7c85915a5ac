/**
 * `@tarojs/components` for jsdom tests: the same React components the web
 * build renders (`h5.useHtmlComponents`). Each comes from its own file because
 * the package index hits an import cycle under CommonJS.
 */
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as View } from '@tarojs/components-react/dist/components/view/index.js';
