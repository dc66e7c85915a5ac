/**
 * `npm test`: shared rules, server integration tests (SQLite always, MariaDB
 * when TEST_DATABASE_URL is set) and client page tests. Browser tests live in
 * e2e/ and run with `npm run test:e2e`.
 */
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const nodeProject = (name, roots) => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
});

module.exports = {
  // Integration suites start a real server and migrate a fresh database in their hooks; give them room on a busy machine.
  testTimeout: 60_000,
  projects: [
    nodeProject('shared', ['<rootDir>/shared']),
    {
      ...nodeProject('server', ['<rootDir>/server']),
      setupFiles: ['<rootDir>/server/test/support/setup-env.ts'],
    },
    {
      displayName: 'client',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/client'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      // client/weapp-test runs against the built mini-program (npm run check:weapp).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/client/weapp-test/'],
      setupFilesAfterEnv: ['<rootDir>/client/test-support/setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': swcTransform },
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil)/)'],
      moduleNameMapper: {
        '\\.(css|scss|less)$': '<rootDir>/client/test-support/style-stub.js',
        '\\.(png|jpe?g|gif|svg)$': '<rootDir>/client/test-support/file-stub.js',
        '^@tarojs/taro$': '<rootDir>/client/test-support/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/client/test-support/taro-components.ts',
        '^@shared/(.*)$': '<rootDir>/shared/src/$1',
        '^@/(.*)$': '<rootDir>/client/$1',
      },
    },
  ],
};
