/**
 * Smoke test of the built mini-program (dist/weapp) inside miniprogram-simulate,
 * WeChat's component test tool. Run by `npm run check:weapp` after a
 * production build; not part of `npm test` (the root config only matches
 * `*.test.ts(x)` and ignores this folder).
 */
const path = require('node:path');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  displayName: 'weapp',
  // miniprogram-simulate renders custom components into a DOM.
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/client/weapp-test'],
  testMatch: ['**/*.weapp-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // The built mini-program runs as WeChat would run it: untransformed.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
};
