import './h5.css';

/**
 * Web start-up: Taro renders its tab bar as a plain element outside any
 * landmark, so screen readers cannot jump to it; label it as navigation once
 * it appears.
 */
export function preparePlatform(): void {
  const label = (): boolean => {
    const tabBar = document.querySelector('taro-tabbar');
    if (!tabBar) return false;
    tabBar.setAttribute('role', 'navigation');
    tabBar.setAttribute('aria-label', '主导航');
    return true;
  };
  if (label()) return;
  const observer = new MutationObserver(() => {
    if (label()) observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/** Large-text mode on the web: the class also reaches the tab bar and Taro's toasts and modals. */
export function applyLargeText(on: boolean): void {
  document.body.classList.toggle('yishi-large-text', on);
}

/** Downloads `text` as a file through a temporary link. */
export function saveTextFile(fileName: string, text: string, contentType = 'application/json'): boolean {
  const url = URL.createObjectURL(new Blob([text], { type: `${contentType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return true;
}
