import { installChineseValidationMessages } from '@shared/validation/zod-locale';
import type { PropsWithChildren } from 'react';
import './app.css';
import { preparePlatform } from './platform';

// Validation messages from shared schemas read in Chinese, as on the server.
installChineseValidationMessages();
preparePlatform();

/** The app shell: pages render inside it; global styles are loaded above. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
