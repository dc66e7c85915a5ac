/**
 * Per-platform pieces. This file is the mini-program's; the web build
 * resolves `index.h5.ts` instead (Taro's per-platform files). Both export the
 * same functions.
 */

/** Start-up work. The mini-program needs none. */
export function preparePlatform(): void {}

/**
 * Large-text mode outside the pages: nothing on the mini-program, whose tab
 * bar and navigation bar follow WeChat's own font size setting.
 */
export function applyLargeText(_on: boolean): void {}

/** Saves text as a file the resident can keep; false where the platform cannot (the mini-program). */
export function saveTextFile(_fileName: string, _text: string, _contentType = 'application/json'): boolean {
  return false;
}
