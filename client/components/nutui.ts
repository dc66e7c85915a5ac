/**
 * The NutUI widgets the client uses, each imported on its own with its own
 * stylesheet (NutUI's on-demand import for Taro, spelled out instead of done by
 * a Babel plugin). The mini-program main package thus carries a few KB of
 * widget CSS instead of NutUI's full 230 KB stylesheet. Colours and sizes come
 * from the `--nutui-*` variables set in app.css.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/style.css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
