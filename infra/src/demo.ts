/**
 * Demo data from ../shared/DOMAIN.md: the three förbund and their members, and the demo users.
 * Members and kommun codes are from the seeds. Organisation numbers and Norra Västmanland's
 * kommun shares are not in the seeds: they are invented (valid in form) for the demo.
 */
import { createHash } from 'node:crypto';
import type { GatewayOptions } from '@finsam/gateway/gateway.js';
import type { MemberKind } from '@finsam/governance/entities/Member.js';
import type { Role } from '@finsam/kit/identity.js';
import { type CryptoKey, importJWK, SignJWT } from 'jose';
import { DEMO_INTERVENTIONS } from './demo-teams.js';
import { DEV_USER_ALGORITHM, type DevKeys } from './keys.js';

export const DEV_ISSUER = 'https://idp.finsam.localhost/dev';
export const DEV_AUDIENCE = 'finsam-graph';

export interface DemoMember {
  kind: MemberKind;
  name: string;
  scbCode?: string;
  shareBasisPoints?: number;
}

export interface DemoForbund {
  id: string;
  slug: string;
  name: string;
  organisationNumber: string;
  members: DemoMember[];
}

const FK: DemoMember = { kind: 'FORSAKRINGSKASSAN', name: 'Försäkringskassan' };
const AF: DemoMember = { kind: 'ARBETSFORMEDLINGEN', name: 'Arbetsförmedlingen' };

export const DEMO_FORBUND: DemoForbund[] = [
  {
    id: '0b6f4d4e-2a51-4c1e-9a55-6f1c0a000001',
    slug: 'vasteras',
    name: 'Samordningsförbundet Västerås',
    organisationNumber: '222000-0018',
    members: [
      FK,
      AF,
      { kind: 'REGION', name: 'Region Västmanland', scbCode: '19' },
      { kind: 'KOMMUN', name: 'Västerås stad', scbCode: '1980', shareBasisPoints: 2500 },
    ],
  },
  {
    id: '0b6f4d4e-2a51-4c1e-9a55-6f1c0a000002',
    slug: 'norra-vastmanland',
    name: 'Norra Västmanlands Samordningsförbund',
    organisationNumber: '222000-0026',
    members: [
      FK,
      AF,
      { kind: 'REGION', name: 'Region Västmanland', scbCode: '19' },
      { kind: 'KOMMUN', name: 'Sala kommun', scbCode: '1981', shareBasisPoints: 800 },
      { kind: 'KOMMUN', name: 'Fagersta kommun', scbCode: '1982', shareBasisPoints: 450 },
      { kind: 'KOMMUN', name: 'Norbergs kommun', scbCode: '1962', shareBasisPoints: 200 },
      { kind: 'KOMMUN', name: 'Skinnskattebergs kommun', scbCode: '1904', shareBasisPoints: 150 },
      { kind: 'KOMMUN', name: 'Hallstahammars kommun', scbCode: '1961', shareBasisPoints: 550 },
      { kind: 'KOMMUN', name: 'Surahammars kommun', scbCode: '1907', shareBasisPoints: 350 },
    ],
  },
  {
    id: '0b6f4d4e-2a51-4c1e-9a55-6f1c0a000003',
    slug: 'sodra-dalarna',
    name: 'Södra Dalarnas Samordningsförbund',
    organisationNumber: '222000-0034',
    members: [
      FK,
      AF,
      { kind: 'REGION', name: 'Region Dalarna', scbCode: '20' },
      // Shares as agreed for 2020 (seed 002 / DOMAIN.md).
      { kind: 'KOMMUN', name: 'Avesta kommun', scbCode: '2084', shareBasisPoints: 1100 },
      { kind: 'KOMMUN', name: 'Hedemora kommun', scbCode: '2083', shareBasisPoints: 800 },
      { kind: 'KOMMUN', name: 'Säters kommun', scbCode: '2082', shareBasisPoints: 600 },
    ],
  },
];

export function forbundBySlug(slug: string): DemoForbund {
  const forbund = DEMO_FORBUND.find((f) => f.slug === slug);
  if (!forbund) {
    throw new Error(`No demo förbund "${slug}"`);
  }
  return forbund;
}

/** How demo data names a member: 'FK', 'AF', 'REGION' or 'KOMMUN:<SCB code>'. */
export function memberRef(m: DemoMember): string {
  return m.kind === 'KOMMUN'
    ? `KOMMUN:${m.scbCode}`
    : { FORSAKRINGSKASSAN: 'FK', ARBETSFORMEDLINGEN: 'AF', REGION: 'REGION' }[m.kind];
}

/** A stable id for a demo member, so other subgraphs' demo data can refer to it. */
export function demoMemberId(forbundId: string, ref: string): string {
  const h = createHash('sha256').update(`${forbundId}/${ref}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

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
