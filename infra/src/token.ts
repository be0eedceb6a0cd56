/**
 * `npm run token -- <user>`: logs a demo person in at the running development identity provider (`npm start` runs
 * it) and prints their access token for the graph (8 hours).
 */
import { DEMO_PEOPLE } from '@finsam/governance/demo/people.js';
import { DEV_IDP_PORT } from './idp/index.js';
import { IdentityProviderUnreachable, loginAs } from './idp/login.js';

const username = process.argv[2];
const person = DEMO_PEOPLE.find((p) => p.username === username);

if (!person) {
  console.error(
    `${username ? `No demo person "${username}".\n` : ''}Usage: npm run token -- <user>\n` +
      `Users: ${DEMO_PEOPLE.map((p) => p.username).join(', ')}`,
  );
  process.exit(2);
}
const issuer = `http://127.0.0.1:${process.env.IDP_PORT ?? DEV_IDP_PORT}/${person.issuer}`;
try {
  console.log((await loginAs(issuer, person.username)).accessToken);
} catch (error) {
  console.error((error as Error).message);
  if (error instanceof IdentityProviderUnreachable) {
    console.error('The development identity provider is not running: start the platform with `npm start` first.');
  }
  process.exit(1);
}
