/** Jest 30 in native ESM mode with @swc/jest; workspace imports map to their TypeScript sources. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: {
    '^@finsam/gateway/(.*)\\.js$': '<rootDir>/gateway/src/$1.ts',
    '^@finsam/infra/(.*)\\.js$': '<rootDir>/infra/src/$1.ts',
    // Every other workspace is a subgraph (or the kit) under subgraphs/.
    '^@finsam/([a-z-]+)/(.*)\\.js$': '<rootDir>/subgraphs/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/test/**/*.test.ts',
    '<rootDir>/subgraphs/*/test/**/*.test.ts',
    '<rootDir>/gateway/test/**/*.test.ts',
    '<rootDir>/infra/bench/test/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60_000,
  // Two cores: two test files at a time, each with its own databases on the one cluster.
  maxWorkers: 2,
};
