/**
 * Per-platform start-up. The mini-program needs nothing here; the web build
 * resolves `index.h5.ts` instead (Taro's per-platform files).
 */
export function preparePlatform(): void {}
