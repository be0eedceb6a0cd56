/**
 * `npm run keys:rotate -- <gateway|governance|teams|participants|finance|indicators>`: a new internal-token
 * key for that signer in the development keys file, the old one still accepted; `npm run keys:rotate --
 * --finish` retires the old keys. Restart `npm start` after each step (docs/identity.md, key rotation).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishRotation, rotateKey, SIGNERS, type Signer } from './keys.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(path.resolve(process.env.FINSAM_DATA_DIR ?? path.join(root, '.data')), 'keys');
const what = process.argv[2];

if (what === '--finish') {
  await finishRotation(dir);
  console.log('Retired keys removed: only the current keys are accepted after the next start.');
} else if (what && (SIGNERS as string[]).includes(what)) {
  try {
    await rotateKey(dir, what as Signer);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.log(
    `${what} signs with a new key after the next start; its old key is still accepted. ` +
      'Once every running instance has restarted and two minutes have passed: npm run keys:rotate -- --finish',
  );
} else {
  console.error(`Usage: npm run keys:rotate -- <${SIGNERS.join('|')}> | --finish`);
  process.exit(2);
}
