/** `npm run token -- <demo-user>`: prints a fresh 8-hour token for one demo user. */

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS, demoUser, devTokenSigner } from './demo-users.js';
import type { DevKeys } from './keys.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const keyFile = path.join(
  path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(root, '.data')),
  'keys',
  'dev-keys.json',
);
const name = process.argv[2];

if (!name) {
  console.error(`Usage: npm run token -- <user>\nUsers: ${DEMO_USERS.map((u) => u.name).join(', ')}`);
  process.exit(2);
}
if (!fs.existsSync(keyFile)) {
  console.error(`No development keys yet (${keyFile}): run \`npm start\` once first.`);
  process.exit(1);
}
const keys = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as DevKeys;
try {
  console.log(await (await devTokenSigner(keys))(demoUser(name)));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
