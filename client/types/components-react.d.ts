// Single components of @tarojs/components-react (used by the jsdom tests),
// typed as their @tarojs/components counterparts.
declare module '@tarojs/components-react/dist/components/button/index.js' {
  const Button: typeof import('@tarojs/components').Button;
  export default Button;
}
declare module '@tarojs/components-react/dist/components/image/index.js' {
  const Image: typeof import('@tarojs/components').Image;
  export default Image;
}
declare module '@tarojs/components-react/dist/components/input/index.js' {
  const Input: typeof import('@tarojs/components').Input;
  export default Input;
}
declare module '@tarojs/components-react/dist/components/scroll-view/index.js' {
  const ScrollView: typeof import('@tarojs/components').ScrollView;
  export default ScrollView;
}
declare module '@tarojs/components-react/dist/components/text/index.js' {
  const Text: typeof import('@tarojs/components').Text;
  export default Text;
}
declare module '@tarojs/components-react/dist/components/view/index.js' {
  const View: typeof import('@tarojs/components').View;
  export default View;
}
