/**
 * The demo users (platform-level: they name roles and a förbund, not a subgraph's data) and the
 * development identity provider that signs their tokens. The förbund are governance's demo data,
 * the insatser teams'.
 */
import type { GatewayOptions } from '@finsam/gateway/gateway.js';
import { DEMO_FORBUND } from '@finsam/governance/demo/forbund.js';
import type { Role } from '@finsam/kit/identity.js';
import { DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import { type CryptoKey, importJWK, SignJWT } from 'jose';
import { DEV_USER_ALGORITHM, type DevKeys } from './keys.js';

export const DEV_ISSUER = 'https://idp.finsam.localhost/dev';
export const DEV_AUDIENCE = 'finsam-graph';

export interface DemoUser {
  name: string;
  description: string;
  roles: Role[];
  tenant: string | null;
  interventions: string[];
}

/** The intervention each förbund's demo staff member works in. */
const STAFF_OF: Record<string, string> = {
  vasteras: 'Samordningsteamet Västerås',
  'norra-vastmanland': 'Samordningsteam Hallstahammar',
  'sodra-dalarna': 'Samverkansteam Säter',
};

const tenantUsers = DEMO_FORBUND.flatMap((f): DemoUser[] => {
  const team = DEMO_INTERVENTIONS.find((i) => i.forbund === f.slug && i.name === STAFF_OF[f.slug])!;
  return [
    {
      name: `${f.slug}-admin`,
      description: `förbund administrator, ${f.name}`,
      roles: ['forbund_admin'],
      tenant: f.id,
      interventions: [],
    },
    {
      name: `${f.slug}-board`,
      description: `board member (förbundsstyrelse), ${f.name}`,
      roles: ['board'],
      tenant: f.id,
      interventions: [],
    },
    {
      name: `${f.slug}-staff`,
      description: `staff (verksamhetsledare), ${team.name}`,
      roles: ['staff'],
      tenant: f.id,
      interventions: [team.id],
    },
  ];
});

export const DEMO_USERS: DemoUser[] = [
  {
    name: 'platform-admin',
    description: 'platform administrator (all förbund)',
    roles: ['platform_admin'],
    tenant: null,
    interventions: [],
  },
  {
    name: 'county-analyst',
    description: 'county analyst (aggregates across förbund, never a person)',
    roles: ['county_analyst'],
    tenant: null,
    interventions: [],
  },
  ...tenantUsers,
];

export function demoUser(name: string): DemoUser {
  const user = DEMO_USERS.find((u) => u.name === name);
  if (!user) {
    throw new Error(`No demo user "${name}". Known: ${DEMO_USERS.map((u) => u.name).join(', ')}`);
  }
  return user;
}

/** A gateway that trusts the development identity provider and signs with the development internal key. */
export function devGatewayOptions(
  keys: DevKeys,
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
): GatewayOptions {
  return {
    supergraphSdl,
    subgraphUrls,
    internalPrivateKey: keys.internal.privateJwk,
    userTokens: {
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: [DEV_USER_ALGORITHM],
      publicJwks: [keys.user.publicJwk],
    },
  };
}

/** Signs a user token as the development identity provider would. */
export async function devTokenSigner(keys: DevKeys) {
  const key = (await importJWK(keys.user.privateJwk, DEV_USER_ALGORITHM)) as CryptoKey;
  return (user: DemoUser, ttl: string | number = '8h'): Promise<string> =>
    new SignJWT({ tenant: user.tenant, roles: user.roles, interventions: user.interventions, name: user.description })
      .setProtectedHeader({ alg: DEV_USER_ALGORITHM, kid: keys.user.privateJwk.kid! })
      .setSubject(`demo:${user.name}`)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(key);
}
