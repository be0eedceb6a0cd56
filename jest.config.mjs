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
    '^@finsam/kit/(.*)\\.js$': '<rootDir>/subgraphs/kit/src/$1.ts',
    '^@finsam/governance/(.*)\\.js$': '<rootDir>/subgraphs/governance/src/$1.ts',
    '^@finsam/teams/(.*)\\.js$': '<rootDir>/subgraphs/teams/src/$1.ts',
    '^@finsam/participants/(.*)\\.js$': '<rootDir>/subgraphs/participants/src/$1.ts',
    '^@finsam/indicators/(.*)\\.js$': '<rootDir>/subgraphs/indicators/src/$1.ts',
    '^@finsam/finance/(.*)\\.js$': '<rootDir>/subgraphs/finance/src/$1.ts',
    '^@finsam/gateway/(.*)\\.js$': '<rootDir>/gateway/src/$1.ts',
    '^@finsam/infra/(.*)\\.js$': '<rootDir>/infra/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: [
    '<rootDir>/test/**/*.test.ts',
    '<rootDir>/subgraphs/*/test/**/*.test.ts',
    '<rootDir>/gateway/test/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60_000,
  // Two cores: two test files at a time, each with its own databases on the one cluster.
  maxWorkers: 2,
};
