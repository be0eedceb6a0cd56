/**
 * Demo money, from ../shared/DOMAIN.md ("Money") and the seeds:
 *   seed 004  Verksamhetsplan 2022 Samordningsförbundet Västerås: budget 2022 with prognosis 2023–2024
 *   seed 001  Årsrapport 2021 Norra Västmanland: allocated / used per insats
 *
 * Invented or read into the sources:
 *   - Västerås 2022 contributions follow DOMAIN.md (state 5 498 000, region 2 749 000, Västerås stad
 *     2 749 000 = 10 996 000 kr); the Verksamhetsplan's printed columns are hard to read and also show
 *     11 979 000 for 2022. Cost lines, opening eget kapital and the 2023 prognosis are our reading of
 *     its table; the split of individinsatser per insats, the 2024 costs and the decision date are demo.
 *   - Norra Västmanland 2021: allocations and used totals are the Årsrapport's, with Sala's used taken
 *     as 1 535 642 (= 1 590 000 − 54 358: the reading under which the differens column and the total
 *     used, 5 074 798, agree). How each used total splits into six requisitions, their cost
 *     categories and submission dates are demo.
 *   - "Kurator Region" is in the Årsrapport's table but is none of the samordningsteam: a shared post
 *     (KURATOR_REGION_POST) the förbund funds, serving Hallstahammar and Surahammar 20 % each (the
 *     kurator both teams list in their staffing, seed 001). Its name, allocation and used are the
 *     Årsrapport's; its id, description and requisitions are demo.
 *   - Västerås 2022 (seed 004): the allocations are the budget's lines per insats; what each insats used
 *     (its six requisitions) and the förbund's own costs as booked (kansli quarterly, löner och arvoden
 *     monthly, the other individinsatser quarterly) are invented, close to the budget, so the year's
 *     eget kapital comes out near the budget's 2 158 000 kr.
 *   - Säter 2018 insats budget (seed 002) as printed, in kronor; the lent staff's members are our reading
 *     (arbetsförmedlare AF, personlig handläggare FK, psykiatri Region, socialsekreterare Säter) and no
 *     value is noted for them (the insatsplan gives none).
 */
import type { MemberRef } from '@finsam/governance/demo/forbund.js';
import { DEMO_INTERVENTION_IDS } from '@finsam/teams/demo/interventions.js';

export interface DemoBudget {
  forbund: 'vasteras' | 'norra-vastmanland' | 'sodra-dalarna';
  year: number;
  openingEquity: number;
  decidedOn: string;
  contributions: [MemberRef, number][];
  costLines: {
    category: 'KANSLI' | 'SALARIES_AND_FEES' | 'INDIVIDUAL_INTERVENTION' | 'STRUCTURAL_INTERVENTION' | 'OTHER';
    interventionId?: string;
    description: string;
    amount: number;
  }[];
  prognosis: [{ income: number; costs: number }, { income: number; costs: number }];
}

export const DEMO_BUDGETS: DemoBudget[] = [
  {
    forbund: 'vasteras',
    year: 2022,
    openingEquity: 7_206_000,
    decidedOn: '2021-11-26',
    contributions: [
      ['FK', 5_498_000],
      ['AF', 0],
      ['REGION', 2_749_000],
      ['KOMMUN:1980', 2_749_000],
    ],
    costLines: [
      { category: 'KANSLI', description: 'Kansli', amount: 200_000 },
      { category: 'SALARIES_AND_FEES', description: 'Löner och arvoden', amount: 1_400_000 },
      {
        category: 'INDIVIDUAL_INTERVENTION',
        interventionId: DEMO_INTERVENTION_IDS.VASTERAS_TEAM,
        description: 'Samordningsteam',
        amount: 6_700_000,
      },
      {
        category: 'INDIVIDUAL_INTERVENTION',
        interventionId: DEMO_INTERVENTION_IDS.SPIRA,
        description: 'Spira',
        amount: 1_919_000,
      },
      {
        category: 'INDIVIDUAL_INTERVENTION',
        interventionId: DEMO_INTERVENTION_IDS.SIM,
        description: 'SIM',
        amount: 925_000,
      },
      {
        category: 'OTHER',
        description:
          'Övriga individinsatser (insatskatalog, näringslivskoordinator, operativ utvecklingsledare, efterstöd)',
        amount: 2_050_000,
      },
      {
        category: 'STRUCTURAL_INTERVENTION',
        interventionId: DEMO_INTERVENTION_IDS.STRUCTURAL_VASTERAS,
        description: 'Strukturella insatser',
        amount: 2_850_000,
      },
    ],
    prognosis: [
      { income: 10_996_000, costs: 13_840_000 },
      { income: 10_996_000, costs: 13_139_150 },
    ],
  },
];

/** Allocation and used per insats and year; used becomes six paid requisitions. */
export interface DemoAllocation {
  forbund: DemoBudget['forbund'];
  interventionId: string;
  year: number;
  allocated: number;
  used: number;
}

export const DEMO_ALLOCATIONS: DemoAllocation[] = [
  {
    forbund: 'norra-vastmanland',
    interventionId: DEMO_INTERVENTION_IDS.HALLSTAHAMMAR,
    year: 2021,
    allocated: 1_060_000,
    used: 1_044_493,
  }, // Hallstahammar
  {
    forbund: 'norra-vastmanland',
    interventionId: DEMO_INTERVENTION_IDS.SURAHAMMAR,
    year: 2021,
    allocated: 958_000,
    used: 962_920,
  }, // Surahammar
  {
    forbund: 'norra-vastmanland',
    interventionId: DEMO_INTERVENTION_IDS.FNS,
    year: 2021,
    allocated: 1_457_000,
    used: 1_401_914,
  }, // FNS
  {
    forbund: 'norra-vastmanland',
    interventionId: DEMO_INTERVENTION_IDS.SALA,
    year: 2021,
    allocated: 1_590_000,
    used: 1_535_642,
  }, // Sala
  // Kurator Region: a shared post, not an insats; allocations and requisitions key money by its holder.
  {
    forbund: 'norra-vastmanland',
    interventionId: '5a7e0000-0000-4000-8000-000000000001',
    year: 2021,
    allocated: 235_000,
    used: 129_829,
  },
  // Västerås 2022: allocations as budgeted, used invented (see the top of this file).
  {
    forbund: 'vasteras',
    interventionId: DEMO_INTERVENTION_IDS.VASTERAS_TEAM,
    year: 2022,
    allocated: 6_700_000,
    used: 6_540_000,
  },
  {
    forbund: 'vasteras',
    interventionId: DEMO_INTERVENTION_IDS.SPIRA,
    year: 2022,
    allocated: 1_919_000,
    used: 1_870_000,
  },
  { forbund: 'vasteras', interventionId: DEMO_INTERVENTION_IDS.SIM, year: 2022, allocated: 925_000, used: 902_000 },
  {
    forbund: 'vasteras',
    interventionId: DEMO_INTERVENTION_IDS.STRUCTURAL_VASTERAS,
    year: 2022,
    allocated: 2_850_000,
    used: 2_610_000,
  },
];

/** A post the förbund funds that serves several insatser (DOMAIN.md: Kurator Region is one). */
export interface DemoSharedPost {
  id: string;
  forbund: DemoBudget['forbund'];
  name: string;
  role: string;
  employer: MemberRef;
  description: string;
  services: [interventionId: string, ftePercent: number][];
}

export const KURATOR_REGION_POST: DemoSharedPost = {
  id: '5a7e0000-0000-4000-8000-000000000001',
  forbund: 'norra-vastmanland',
  name: 'Kurator Region Västmanland',
  role: 'KURATOR',
  employer: 'REGION',
  description: 'Kurator från psykiatrin, finansierad av förbundet och delad av samordningsteamen.',
  services: [
    [DEMO_INTERVENTION_IDS.HALLSTAHAMMAR, 20],
    [DEMO_INTERVENTION_IDS.SURAHAMMAR, 20],
  ],
};
export const DEMO_SHARED_POSTS: DemoSharedPost[] = [KURATOR_REGION_POST];

/** The förbund's own costs as booked (invented for Västerås 2022, see the top of this file). */
export interface DemoOwnCost {
  forbund: DemoBudget['forbund'];
  bookedOn: string;
  category: 'KANSLI' | 'SALARIES_AND_FEES' | 'STRUCTURAL_INTERVENTION' | 'OTHER';
  description: string;
  amount: number;
}

const quarterEnds = ['03-31', '06-30', '09-30', '12-31'];
const monthEnds = [
  '01-31',
  '02-28',
  '03-31',
  '04-30',
  '05-31',
  '06-30',
  '07-31',
  '08-31',
  '09-30',
  '10-31',
  '11-30',
  '12-31',
];
export const DEMO_OWN_COSTS: DemoOwnCost[] = [
  ...quarterEnds.map((d, q) => ({
    forbund: 'vasteras' as const,
    bookedOn: `2022-${d}`,
    category: 'KANSLI' as const,
    description: `Kansli, kvartal ${q + 1}`,
    amount: 48_000,
  })),
  ...monthEnds.map((d, m) => ({
    forbund: 'vasteras' as const,
    bookedOn: `2022-${d}`,
    category: 'SALARIES_AND_FEES' as const,
    description: `Löner och arvoden, månad ${m + 1}`,
    amount: 115_000,
  })),
  ...quarterEnds.map((d, q) => ({
    forbund: 'vasteras' as const,
    bookedOn: `2022-${d}`,
    category: 'OTHER' as const,
    description: `Övriga individinsatser (insatskatalog, näringslivskoordinator, utvecklingsledare), kvartal ${q + 1}`,
    amount: 490_000,
  })),
];

/** An insats' own budget as its insatsplan gives it (kronor). */
export interface DemoInsatsBudget {
  forbund: DemoBudget['forbund'];
  interventionId: string;
  year: number;
  note: string;
  income: { source: 'FORBUND' | 'CO_FINANCING' | 'MEMBER'; description: string; amount: number }[];
  costs: { category: 'PERSONNEL' | 'PREMISES' | 'OTHER'; description: string; amount: number; lentBy?: MemberRef }[];
}

/** Samverkansteam Säter, 2018-04 – 2018-12 (seed 002, "Planerad budget"). */
export const SATER_INSATS_ID = '1c7e0000-0000-4000-8000-000000000011';
export const DEMO_INSATS_BUDGETS: DemoInsatsBudget[] = [
  {
    forbund: 'sodra-dalarna',
    interventionId: SATER_INSATS_ID,
    year: 2018,
    note: 'Insatsplan 2018: budgeten för 2018-04 t.o.m. 2018-12.',
    income: [
      { source: 'FORBUND', description: 'Finansiering från samordningsförbundet', amount: 600_000 },
      { source: 'CO_FINANCING', description: 'Finansiering från Kraften', amount: 300_000 },
    ],
    costs: [
      { category: 'PERSONNEL', description: 'Arbetsförmedlare (20 %)', amount: 0, lentBy: 'AF' },
      { category: 'PERSONNEL', description: 'Personlig handläggare (20 %)', amount: 0, lentBy: 'FK' },
      { category: 'PERSONNEL', description: 'Psykiatri och vårdkontakt (20 %)', amount: 0, lentBy: 'REGION' },
      { category: 'PERSONNEL', description: 'Socialsekreterare (20 %)', amount: 0, lentBy: 'KOMMUN:2082' },
      { category: 'PERSONNEL', description: 'Coach (100 %)', amount: 300_000 },
      { category: 'PERSONNEL', description: 'Verksamhetsledare/samordnare (100 %)', amount: 320_000 },
      { category: 'PREMISES', description: 'Lokaler', amount: 80_000 },
      { category: 'OTHER', description: 'Handledning och kompetensutveckling', amount: 30_000 },
      { category: 'OTHER', description: 'Planeringsdagar', amount: 20_000 },
      { category: 'OTHER', description: 'Material', amount: 20_000 },
      { category: 'OTHER', description: 'Dator, telefonkostnader', amount: 40_000 },
      { category: 'OTHER', description: 'Reskostnader', amount: 10_000 },
      { category: 'OTHER', description: 'Aktivitetskostnader', amount: 60_000 },
      { category: 'OTHER', description: 'Inredning och möbler', amount: 20_000 },
    ],
  },
];

export interface DemoRequisition {
  period: number;
  submittedOn: string;
  lines: { category: 'PERSONNEL' | 'PREMISES' | 'TRAVEL' | 'PARTICIPANT_ACTIVITIES'; amount: number }[];
}

/**
 * Six requisitions that add up to `used`: equal periods (the last takes the remainder), each
 * mostly personnel. All are sent 20 days after the period except period 3, sent late.
 */
export function demoRequisitions(a: DemoAllocation): DemoRequisition[] {
  const base = Math.floor(a.used / 6);
  return [1, 2, 3, 4, 5, 6].map((period) => {
    const amount = period === 6 ? a.used - 5 * base : base;
    const premises = Math.floor(amount * 0.06);
    const travel = Math.floor(amount * 0.01);
    const activities = Math.floor(amount * 0.03);
    const sent = new Date(Date.UTC(a.year, 2 * period, period === 3 ? 45 : 20)).toISOString().slice(0, 10);
    return {
      period,
      submittedOn: sent,
      lines: [
        { category: 'PERSONNEL', amount: amount - premises - travel - activities },
        { category: 'PREMISES', amount: premises },
        { category: 'TRAVEL', amount: travel },
        { category: 'PARTICIPANT_ACTIVITIES', amount: activities },
      ],
    };
  });
}
