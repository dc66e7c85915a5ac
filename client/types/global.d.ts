/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string;
  export default src;
}
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Node's own build mode; decides minification. */
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built. */
    TARO_ENV: 'weapp' | 'h5';
    /** API origin used by the weapp build, e.g. `http://127.0.0.1:3000` (no trailing slash, no `/api`). */
    TARO_APP_API_BASE?: string;
  }
}
