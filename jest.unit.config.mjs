/** Domain rules only (`subgraphs/<name>/test/domain/`): no database, no servers; `npm run test:unit`. */
import base from './jest.config.mjs';

const { globalSetup: _setup, globalTeardown: _teardown, ...rest } = base;

export default { ...rest, testMatch: ['<rootDir>/subgraphs/*/test/domain/**/*.test.ts'], testTimeout: 5_000 };
