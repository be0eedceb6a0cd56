// One PostgreSQL for the whole run (embedded, or DATABASE_URL), with the two platform roles.
// Plain .mjs as Jest requires; it loads the TypeScript launcher through tsx so there is one launcher.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  // Test output is for test results; structured logs only when something is wrong.
  process.env.LOG_LEVEL ??= 'warn';
  const { startEmbeddedPostgres, connectionFromUrl } = await tsImport('../../infra/src/postgres.ts', import.meta.url);
  const { ensureRoles, newRolePasswords } = await tsImport('../../infra/src/provision.ts', import.meta.url);

  let admin;
  if (process.env.DATABASE_URL) {
    admin = connectionFromUrl(process.env.DATABASE_URL);
  } else {
    // The system temp directory: a clone may live where the postgres user cannot enter.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-test-pg-'));
    fs.chmodSync(dataDir, 0o755);
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), persistent: false });
    globalThis.__finsamCluster = { cluster, dataDir };
    admin = cluster.admin;
  }
  const passwords = newRolePasswords();
  await ensureRoles(admin, passwords);
  process.env.FINSAM_TEST_CLUSTER = JSON.stringify({ admin, passwords });
  // The web client is built once here, before any worker starts: browser test files run side by side and must not
  // build web/dist at the same moment.
  const ensureBuild = fileURLToPath(new URL('../../web/scripts/ensure-build.ts', import.meta.url));
  execFileSync(process.execPath, ['--import', 'tsx', ensureBuild], { stdio: 'inherit' });
}
