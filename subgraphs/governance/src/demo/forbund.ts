/**
 * Demo data from ../shared/DOMAIN.md: the three förbund and their members. Every subgraph's demo
 * data names them through these ids. Members and kommun codes are from the seeds. Organisation
 * numbers and Norra Västmanland's kommun shares are not in the seeds: they are invented (valid in
 * form) for the demo.
 */
import { createHash } from 'node:crypto';
import type { MemberKind } from '../entities/Member.js';

/** A member of the förbund, by kind; kommuner by SCB kommun code, e.g. 'KOMMUN:1981'. */
export type MemberRef = 'FK' | 'AF' | 'REGION' | `KOMMUN:${string}`;

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
