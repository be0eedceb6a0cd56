/**
 * Domain rules (`subgraphs/<name>/test/domain/`) and the bench's pure pieces (`infra/bench/test/`): no database,
 * no servers; `npm run test:unit`.
 */
import base from './jest.config.mjs';

const { globalSetup: _setup, globalTeardown: _teardown, ...rest } = base;

export default {
  ...rest,
  testMatch: ['<rootDir>/subgraphs/*/test/domain/**/*.test.ts', '<rootDir>/infra/bench/test/**/*.test.ts'],
  testTimeout: 5_000,
};
