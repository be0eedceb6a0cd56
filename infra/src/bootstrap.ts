/**
 * A new installation's first sign-in: trusts the operator's identity provider for platform access
 * and invites the first platform administrator by e-mail (claimed at their first login). Run once,
 * after governance's migrations, as the owner of governance's database:
 *
 *   DATABASE_URL=postgres://finsam_owner@host/finsam_governance \
 *     node --import tsx infra/src/bootstrap.ts --issuer https://login.example/realms/finsam \
 *     --audience finsam-graph --algorithms RS256 --admin first.admin@example.se
 *
 * Running it again changes the issuer's settings and invites nobody twice.
 */
import { parseArgs } from 'node:util';
import { bootstrapPlatform } from '@finsam/governance/bootstrap.js';
import { database } from '@finsam/governance/server.js';
import { openOrm } from '@finsam/kit/database.js';
import { connectionFromUrl } from './postgres.js';

const { values } = parseArgs({
  options: {
    issuer: { type: 'string' },
    audience: { type: 'string' },
    algorithms: { type: 'string', default: 'RS256' },
    admin: { type: 'string' },
  },
});
if (!process.env.DATABASE_URL || !values.issuer || !values.audience || !values.admin) {
  console.error(
    'Usage: DATABASE_URL=<governance database, as its owner> bootstrap --issuer <url> --audience <aud> ' +
      '[--algorithms RS256,ES256] --admin <e-mail>',
  );
  process.exit(2);
}
const { database: dbName, ...connection } = connectionFromUrl(process.env.DATABASE_URL);
const orm = await openOrm({ connection: { ...connection, dbName }, ...database, poolMax: 1 });
try {
  const invited = await bootstrapPlatform(orm, {
    issuer: {
      issuer: values.issuer,
      audience: values.audience,
      algorithms: values.algorithms.split(','),
      platform: true,
    },
    adminEmail: values.admin,
  });
  console.log(
    `Trusted ${values.issuer} for platform access; ${invited ? 'invited' : 'already invited'} ${values.admin} ` +
      'as platform administrator (claimed at their first login).',
  );
} finally {
  await orm.close(true);
}
