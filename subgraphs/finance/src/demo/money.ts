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
 *   - "Kurator Region" is in the Årsrapport's table but is none of the samordningsteam; teams' demo
 *     data adds it as an insats (KURATOR_REGION: everything but its name and money is demo) so the
 *     table is complete.
 */
import type { MemberRef } from '@finsam/governance/demo/forbund.js';
import { DEMO_INTERVENTION_IDS, KURATOR_REGION } from '@finsam/teams/demo/interventions.js';

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
  { forbund: 'norra-vastmanland', interventionId: KURATOR_REGION.id, year: 2021, allocated: 235_000, used: 129_829 },
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
