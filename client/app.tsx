import { installChineseValidationMessages } from '@shared/validation/zod-locale';
import type { PropsWithChildren } from 'react';
import './app.css';
import { applyLargeText, preparePlatform } from './platform';
import { refreshMe } from './services/auth';
import { getSession, subscribeSession } from './services/session';

// Validation messages from shared schemas read in Chinese, as on the server.
installChineseValidationMessages();
preparePlatform();

// 大字模式 follows the signed-in resident's setting wherever pages cannot reach (web: <body>).
let largeText = getSession().me?.largeText === true;
applyLargeText(largeText);
subscribeSession(() => {
  const next = getSession().me?.largeText === true;
  if (next === largeText) return;
  largeText = next;
  applyLargeText(next);
});

// A stored session may be stale (a claim approved, a role granted): read the profile again, quietly.
if (getSession().token) void refreshMe({ showErrorToast: false }).catch(() => undefined);

/** The app shell: pages render inside it; global styles are loaded above. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
