import { beforeEach } from '@jest/globals';
import { resetTaroMock } from './taro-mock';

// jsdom stands in for the web build.
process.env.TARO_ENV = 'h5';

beforeEach(() => {
  resetTaroMock();
});
