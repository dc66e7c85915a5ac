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
