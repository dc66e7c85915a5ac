import { beforeEach } from '@jest/globals';
import { reloadSession } from '@/services/session';
import { resetTaroMock } from './taro-mock';

// jsdom stands in for the web build.
process.env.TARO_ENV = 'h5';

beforeEach(() => {
  resetTaroMock();
  // The session store caches storage, which was just emptied.
  reloadSession();
});
