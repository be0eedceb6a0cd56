/**
 * The demo people: who they are (an account at one of the development identity provider's two
 * issuers) and what the directory grants them. The provider (infra) makes accounts of them; the
 * directory seed invites them by e-mail with these grants, claimed at their first login.
 */
import { DEMO_INTERVENTIONS } from '@finsam/teams/demo/interventions.js';
import { DEMO_FORBUND } from './forbund.js';

/** The development provider's issuers: kommun and region employees, and the state's (FK, AF). */
export type DemoIssuer = 'kommun' | 'statlig';

export type DemoGrant =
  | { forbund: string; role: 'FORBUND_ADMIN' | 'BOARD' }
  | { forbund: string; role: 'STAFF' | 'VERKSAMHETSLEDARE'; interventionIds: string[] }
  /** A seat in the styrgrupp of this insats. */
  | { forbund: string; role: 'STYRGRUPP'; interventionId: string }
  | { role: 'PLATFORM_ADMIN' }
  /** Without a county: every förbund (a national analyst). */
  | { role: 'COUNTY_ANALYST'; county?: string };

export interface DemoPerson {
  username: string;
  name: string;
  email: string;
  issuer: DemoIssuer;
  /** What the README's table says about them. */
  description: string;
  grants: DemoGrant[];
}

/** The counties of the demo: Västerås and Norra Västmanland in Västmanland, Södra Dalarna in Dalarna. */
export const DEMO_COUNTIES = [
  { name: 'Västmanland', forbund: ['vasteras', 'norra-vastmanland'] },
  { name: 'Dalarna', forbund: ['sodra-dalarna'] },
] as const;

/** The insats each förbund's demo staff member and styrgrupp member work in. */
const TEAM_OF: Record<string, string> = {
  vasteras: 'Samordningsteamet Västerås',
  'norra-vastmanland': 'Samordningsteam Hallstahammar',
  'sodra-dalarna': 'Samverkansteam Säter',
};

export function demoTeam(slug: string) {
  const team = DEMO_INTERVENTIONS.find((i) => i.forbund === slug && i.name === TEAM_OF[slug]);
  if (!team) {
    throw new Error(`No demo team for ${slug}`);
  }
  return team;
}

const email = (username: string) => `${username}@demo.finsam.se`;

const forbundPeople = DEMO_FORBUND.flatMap((f): DemoPerson[] => {
  const team = demoTeam(f.slug);
  return [
    {
      username: `${f.slug}-admin`,
      name: `Administratör ${f.name}`,
      email: email(`${f.slug}-admin`),
      issuer: 'kommun',
      description: `förbund administrator, ${f.name}`,
      grants: [{ forbund: f.slug, role: 'FORBUND_ADMIN' }],
    },
    {
      username: `${f.slug}-board`,
      name: `Styrelseledamot ${f.name}`,
      email: email(`${f.slug}-board`),
      issuer: 'kommun',
      description: `board member (förbundsstyrelse), ${f.name}`,
      grants: [{ forbund: f.slug, role: 'BOARD' }],
    },
    {
      username: `${f.slug}-staff`,
      name: `Verksamhetsledare ${team.name}`,
      email: email(`${f.slug}-staff`),
      issuer: 'kommun',
      description: `verksamhetsledare, ${team.name}`,
      grants: [{ forbund: f.slug, role: 'VERKSAMHETSLEDARE', interventionIds: [team.id] }],
    },
    {
      username: `${f.slug}-styrgrupp`,
      name: `Styrgruppsledamot ${team.name}`,
      email: email(`${f.slug}-styrgrupp`),
      issuer: 'kommun',
      description: `styrgrupp member, ${team.name}`,
      grants: [{ forbund: f.slug, role: 'STYRGRUPP', interventionId: team.id }],
    },
  ];
});

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    username: 'platform-admin',
    name: 'Plattformsadministratör',
    email: email('platform-admin'),
    issuer: 'kommun',
    description: 'platform administrator (all förbund)',
    grants: [{ role: 'PLATFORM_ADMIN' }],
  },
  {
    username: 'county-analyst',
    name: 'Analytiker, alla förbund',
    email: email('county-analyst'),
    issuer: 'kommun',
    description: 'analyst across every förbund (figures, never a person)',
    grants: [{ role: 'COUNTY_ANALYST' }],
  },
  {
    username: 'vastmanland-analyst',
    name: 'Länsanalytiker Västmanland',
    email: email('vastmanland-analyst'),
    issuer: 'kommun',
    description: 'county analyst of Västmanland: Västerås and Norra Västmanland, never a person',
    grants: [{ role: 'COUNTY_ANALYST', county: 'Västmanland' }],
  },
  ...forbundPeople,
  {
    // Employed by Arbetsförmedlingen: logs in with the state's issuer, works in Hallstahammar's team.
    username: 'af-staff',
    name: 'Arbetsförmedlare Hallstahammar',
    email: email('af-staff'),
    issuer: 'statlig',
    description: 'arbetsförmedlare (Arbetsförmedlingen), Samordningsteam Hallstahammar',
    grants: [{ forbund: 'norra-vastmanland', role: 'STAFF', interventionIds: [demoTeam('norra-vastmanland').id] }],
  },
];

export function demoPerson(username: string): DemoPerson {
  const person = DEMO_PEOPLE.find((p) => p.username === username);
  if (!person) {
    throw new Error(`No demo person "${username}". Known: ${DEMO_PEOPLE.map((p) => p.username).join(', ')}`);
  }
  return person;
}
