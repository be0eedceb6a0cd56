/**
 * The FINSAM funding law and a budget's arithmetic, with the documents' figures (DOMAIN.md, Money):
 * Västerås 2022 (state 5 498 000, region 2 749 000, Västerås stad 2 749 000 = 10 996 000 kr) and
 * the kommun shares of Södra Dalarna 2020 (Avesta 11 %, Hedemora 8 %, Säter 6 %).
 */
import type { DirectoryMember } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import {
  type BudgetFigures,
  type BudgetInput,
  budgetClosingEquity,
  budgetCosts,
  budgetIncome,
  budgetInput,
  budgetIssues,
  budgetResult,
  contributionIssues,
  costLineIssues,
  decidedLate,
  decisionDeadline,
  equityCarriedOver,
  FUNDING_LAW,
  fixedCosts,
  isFixedCost,
  otherCosts,
  prognosisIssues,
  prognosisResult,
  prognosisYears,
  variableCosts,
} from '../../src/domain/funding-law.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const member = (n: number, kind: DirectoryMember['kind'], name: string, shareBasisPoints: number | null = null) => ({
  id: id(n),
  kind,
  name,
  scbCode: null,
  shareBasisPoints,
});

const VASTERAS: DirectoryMember[] = [
  member(1, 'FORSAKRINGSKASSAN', 'Försäkringskassan'),
  member(2, 'ARBETSFORMEDLINGEN', 'Arbetsförmedlingen'),
  member(3, 'REGION', 'Region Västmanland'),
  member(4, 'KOMMUN', 'Västerås stad', 2500),
];
const [FK, AF, REGION_V, VASTERAS_STAD] = VASTERAS.map((m) => m.id) as [string, string, string, string];
const VASTERAS_2022 = [
  { memberId: FK, amount: 5_498_000 },
  { memberId: AF, amount: 0 },
  { memberId: REGION_V, amount: 2_749_000 },
  { memberId: VASTERAS_STAD, amount: 2_749_000 },
];

const SODRA_DALARNA: DirectoryMember[] = [
  member(11, 'FORSAKRINGSKASSAN', 'Försäkringskassan'),
  member(12, 'ARBETSFORMEDLINGEN', 'Arbetsförmedlingen'),
  member(13, 'REGION', 'Region Dalarna'),
  member(14, 'KOMMUN', 'Avesta kommun', 1100),
  member(15, 'KOMMUN', 'Hedemora kommun', 800),
  member(16, 'KOMMUN', 'Säters kommun', 600),
];
/** A 4 000 000 kr budget split by the law and the 2020 shares (the total is ours; the shares are the documents'). */
const sodraDalarna = (avesta: number, hedemora: number, sater: number) => [
  { memberId: id(11), amount: 2_000_000 },
  { memberId: id(12), amount: 0 },
  { memberId: id(13), amount: 1_000_000 },
  { memberId: id(14), amount: avesta },
  { memberId: id(15), amount: hedemora },
  { memberId: id(16), amount: sater },
];

const amountAt = (n: number) => ['input', 'contributions', n, 'amount'];
const memberAt = (n: number) => ['input', 'contributions', n, 'memberId'];
const WHOLE = ['input', 'contributions'];

describe('the law: state 50 %, region 25 %, kommuner together 25 %', () => {
  it('is 5000/2500/2500 basis points', () => {
    expect(FUNDING_LAW).toEqual({ FORSAKRINGSKASSAN: 5000, REGION: 2500, KOMMUNER: 2500 });
  });

  it('accepts Västerås 2022: 5 498 000 / 2 749 000 / 2 749 000 = 10 996 000 kr', () => {
    expect(contributionIssues(VASTERAS_2022, VASTERAS)).toEqual([]);
  });

  it('accepts Södra Dalarna split by Avesta 11 %, Hedemora 8 %, Säter 6 %', () => {
    expect(contributionIssues(sodraDalarna(440_000, 320_000, 240_000), SODRA_DALARNA)).toEqual([]);
  });

  it('refuses a 30/20/50 split: each share that is off, and the kommuner together', () => {
    const issues = contributionIssues(
      [
        { memberId: FK, amount: 3_000_000 },
        { memberId: REGION_V, amount: 2_000_000 },
        { memberId: VASTERAS_STAD, amount: 5_000_000 },
      ],
      VASTERAS,
    );
    expect(issues).toEqual([
      {
        path: amountAt(0),
        message:
          'The state (Försäkringskassan, for FK and AF) pays 30.00 % (3 000 000 kr); ' +
          'its share is 50.00 % of 10 000 000 kr = 5 000 000 kr',
      },
      {
        path: amountAt(1),
        message: 'Region Västmanland pays 20.00 % (2 000 000 kr); its share is 25.00 % of 10 000 000 kr = 2 500 000 kr',
      },
      {
        path: amountAt(2),
        message: 'Västerås stad pays 50.00 % (5 000 000 kr); its share is 25.00 % of 10 000 000 kr = 2 500 000 kr',
      },
      { path: WHOLE, message: 'The kommuner together pay 50.00 %; by law they pay 25.00 %' },
    ]);
  });

  it('refuses kommuner that swap their agreed shares, though together they pay 25 %', () => {
    const issues = contributionIssues(sodraDalarna(320_000, 440_000, 240_000), SODRA_DALARNA);
    expect(issues).toEqual([
      {
        path: amountAt(3),
        message: 'Avesta kommun pays 8.00 % (320 000 kr); its share is 11.00 % of 4 000 000 kr = 440 000 kr',
      },
      {
        path: amountAt(4),
        message: 'Hedemora kommun pays 11.00 % (440 000 kr); its share is 8.00 % of 4 000 000 kr = 320 000 kr',
      },
    ]);
  });

  it('refuses kommuner that together pay 30 %, naming the whole', () => {
    const issues = contributionIssues(
      [
        { memberId: FK, amount: 5_000_000 },
        { memberId: REGION_V, amount: 2_000_000 },
        { memberId: VASTERAS_STAD, amount: 3_000_000 },
      ],
      VASTERAS,
    );
    expect(issues).toContainEqual({
      path: WHOLE,
      message: 'The kommuner together pay 30.00 %; by law they pay 25.00 %',
    });
  });

  it('lets a share of an odd total round within a krona, and no further', () => {
    const odd = (state: number) => [
      { memberId: FK, amount: state },
      { memberId: REGION_V, amount: 2_749_000 },
      { memberId: VASTERAS_STAD, amount: 2_749_000 },
    ];
    expect(contributionIssues(odd(5_498_001), VASTERAS)).toEqual([]);
    expect(contributionIssues(odd(5_498_002), VASTERAS)).toEqual([
      {
        path: amountAt(0),
        message:
          'The state (Försäkringskassan, for FK and AF) pays 50.00 % (5 498 002 kr); ' +
          'its share is 50.00 % of 10 996 002 kr = 5 498 001 kr',
      },
    ]);
  });

  it("refuses a contribution from Arbetsförmedlingen: Försäkringskassan pays the state's part", () => {
    const issues = contributionIssues(
      VASTERAS_2022.map((c) => (c.memberId === AF ? { ...c, amount: 1 } : c)),
      VASTERAS,
    );
    expect(issues).toContainEqual({
      path: amountAt(1),
      message: "Arbetsförmedlingen's part of the state's 50 % is paid by Försäkringskassan; give 0 here",
    });
  });

  it('refuses a member of another förbund', () => {
    const stranger = id(99);
    const issues = contributionIssues([...VASTERAS_2022, { memberId: stranger, amount: 0 }], VASTERAS);
    expect(issues).toEqual([{ path: memberAt(4), message: `${stranger} is not a member of your förbund` }]);
  });

  it('refuses a member listed twice', () => {
    const issues = contributionIssues([...VASTERAS_2022, { memberId: AF, amount: 0 }], VASTERAS);
    expect(issues).toEqual([{ path: memberAt(4), message: 'Arbetsförmedlingen is listed twice' }]);
  });

  it('refuses a budget without a member that pays; Arbetsförmedlingen may be left out', () => {
    const withoutAf = VASTERAS_2022.filter((c) => c.memberId !== AF);
    expect(contributionIssues(withoutAf, VASTERAS)).toEqual([]);
    const withoutRegion = contributionIssues(
      VASTERAS_2022.filter((c) => c.memberId !== REGION_V),
      VASTERAS,
    );
    expect(withoutRegion).toContainEqual({ path: WHOLE, message: 'Region Västmanland has no contribution' });
  });

  it('refuses contributions that total 0 kr', () => {
    const issues = contributionIssues(
      VASTERAS_2022.map((c) => ({ ...c, amount: 0 })),
      VASTERAS,
    );
    expect(issues).toContainEqual({ path: WHOLE, message: 'The contributions total 0 kr' });
  });

  it('gives a kommun without an agreed share none: whatever it pays is off', () => {
    const members = VASTERAS.map((m) => (m.kind === 'KOMMUN' ? { ...m, shareBasisPoints: null } : m));
    expect(contributionIssues(VASTERAS_2022, members)).toContainEqual({
      path: amountAt(3),
      message: 'Västerås stad pays 25.00 % (2 749 000 kr); its share is 0.00 % of 10 996 000 kr = 0 kr',
    });
  });
});

describe('cost lines', () => {
  const line = (category: BudgetInput['costLines'][number]['category'], interventionId?: string) => ({
    category,
    interventionId,
    description: 'Kostnad',
    amount: 1,
  });

  it('an individinsats line names its insats; a strukturell one may', () => {
    expect(costLineIssues([line('INDIVIDUAL_INTERVENTION', id(50))])).toEqual([]);
    expect(costLineIssues([line('STRUCTURAL_INTERVENTION'), line('STRUCTURAL_INTERVENTION', id(50))])).toEqual([]);
    expect(costLineIssues([line('KANSLI'), line('INDIVIDUAL_INTERVENTION')])).toEqual([
      { path: ['input', 'costLines', 1, 'interventionId'], message: 'An individinsats line names its insats' },
    ]);
  });

  it.each(['KANSLI', 'SALARIES_AND_FEES', 'OTHER'] as const)('a %s line names no insats', (category) => {
    expect(costLineIssues([line(category, id(50))])).toEqual([
      { path: ['input', 'costLines', 0, 'interventionId'], message: 'Only insats lines name an insats' },
    ]);
  });
});

describe('the prognosis', () => {
  it('covers the two following years, in order', () => {
    expect(prognosisYears(2022)).toEqual([2023, 2024]);
    const p = (year: number) => ({ year, income: 1, costs: 1 });
    expect(prognosisIssues(2022, [p(2023), p(2024)])).toEqual([]);
    expect(prognosisIssues(2025, [p(2027), p(2028)])).toEqual([
      { path: ['input', 'prognosis', 0, 'year'], message: 'The prognosis covers 2026 and 2027, in order' },
      { path: ['input', 'prognosis', 1, 'year'], message: 'The prognosis covers 2026 and 2027, in order' },
    ]);
    expect(prognosisIssues(2022, [p(2024), p(2023)])).toHaveLength(2);
  });

  it('has a result: income − costs', () => {
    expect(prognosisResult({ year: 2023, income: 10_996_000n, costs: 13_840_000n })).toBe(-2_844_000n);
  });
});

describe('the decision deadline: 30 November of the year before', () => {
  it('is 30 November', () => {
    expect(decisionDeadline(2022)).toBe('2021-11-30');
  });

  it('flags a budget decided after it, not one decided on it or undated', () => {
    expect(decidedLate({ year: 2022, decidedOn: '2021-11-26' })).toBe(false);
    expect(decidedLate({ year: 2022, decidedOn: '2021-11-30' })).toBe(false);
    expect(decidedLate({ year: 2026, decidedOn: '2025-12-10' })).toBe(true);
    expect(decidedLate({ year: 2022, decidedOn: null })).toBe(false);
  });
});

describe("Västerås 2022's totals", () => {
  const budget: BudgetFigures = {
    openingEquity: 7_206_000n,
    contributions: [5_498_000n, 0n, 2_749_000n, 2_749_000n].map((amount) => ({ amount })),
    costLines: [
      { category: 'KANSLI', amount: 200_000n },
      { category: 'SALARIES_AND_FEES', amount: 1_400_000n },
      { category: 'INDIVIDUAL_INTERVENTION', interventionId: id(50), amount: 6_700_000n },
      { category: 'INDIVIDUAL_INTERVENTION', interventionId: id(51), amount: 1_919_000n },
      { category: 'INDIVIDUAL_INTERVENTION', interventionId: id(52), amount: 925_000n },
      { category: 'OTHER', interventionId: null, amount: 2_050_000n },
      { category: 'STRUCTURAL_INTERVENTION', interventionId: id(53), amount: 2_850_000n },
    ],
  };

  it('kansli and löner och arvoden are fixed; every other line variable', () => {
    expect(budget.costLines.map(isFixedCost)).toEqual([true, true, false, false, false, false, false]);
  });

  it('sums income, fixed, variable and other costs', () => {
    expect(budgetIncome(budget)).toBe(10_996_000n);
    expect(fixedCosts(budget)).toBe(1_600_000n);
    expect(variableCosts(budget)).toBe(14_444_000n);
    expect(otherCosts(budget)).toBe(2_050_000n);
    expect(budgetCosts(budget)).toBe(16_044_000n);
  });

  it('a structural line without an insats is an other cost too', () => {
    const unnamed: BudgetFigures = { ...budget, costLines: [{ category: 'STRUCTURAL_INTERVENTION', amount: 5n }] };
    expect(otherCosts(unnamed)).toBe(5n);
  });

  it('carries eget kapital over: opening + result', () => {
    expect(budgetResult(budget)).toBe(10_996_000n - 16_044_000n);
    expect(budgetClosingEquity(budget)).toBe(7_206_000n + 10_996_000n - 16_044_000n);
    expect(equityCarriedOver(100n, -30n)).toBe(70n);
  });
});

describe('a budget as the board sends it', () => {
  const input = (overrides: Record<string, unknown> = {}) => ({
    year: 2022,
    openingEquity: 7_206_000,
    decidedOn: '2021-11-26',
    contributions: VASTERAS_2022,
    costLines: [
      { category: 'KANSLI', description: 'Kansli', amount: 200_000 },
      {
        category: 'INDIVIDUAL_INTERVENTION',
        interventionId: id(50),
        description: 'Samordningsteam',
        amount: 6_700_000,
      },
    ],
    prognosis: [
      { year: 2023, income: 10_996_000, costs: 13_840_000 },
      { year: 2024, income: 10_996_000, costs: 13_139_150 },
    ],
    ...overrides,
  });
  const refusal = (value: unknown) => {
    try {
      parseInput(budgetInput, value);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues;
    }
    throw new Error('accepted');
  };

  it('accepts Västerås 2022, and the law finds nothing', () => {
    const data = parseInput(budgetInput, input());
    expect(budgetIssues(data, VASTERAS)).toEqual([]);
  });

  it('refuses the shape before the law is asked', () => {
    expect(refusal(input({ year: 2003 }))).toEqual([{ path: ['input', 'year'], message: 'FINSAM began in 2004' }]);
    expect(refusal(input({ openingEquity: -5 }))).toEqual([
      { path: ['input', 'openingEquity'], message: 'An amount cannot be negative' },
    ]);
    expect(refusal(input({ contributions: [] }))).toEqual([
      { path: ['input', 'contributions'], message: 'A budget has contributions' },
    ]);
    expect(refusal(input({ contributions: [{ memberId: 'FK', amount: 1.5 }] }))).toEqual([
      { path: ['input', 'contributions', 0, 'memberId'], message: 'Not a member id' },
      { path: ['input', 'contributions', 0, 'amount'], message: 'Whole kronor' },
    ]);
    expect(refusal(input({ costLines: [{ category: 'OTHER', description: ' x ', amount: 1 }] }))).toEqual([
      { path: ['input', 'costLines', 0, 'description'], message: 'Describe the cost' },
    ]);
    expect(refusal(input({ prognosis: [{ year: 2023, income: 1, costs: 1 }] }))).toEqual([
      { path: ['input', 'prognosis'], message: 'A budget has a prognosis for the two following years' },
    ]);
  });

  it('gathers the law, cost line and prognosis issues in that order', () => {
    const data = parseInput(
      budgetInput,
      input({
        contributions: [{ memberId: FK, amount: 1 }],
        costLines: [{ category: 'INDIVIDUAL_INTERVENTION', description: 'Någon', amount: 1 }],
        prognosis: [
          { year: 2024, income: 1, costs: 1 },
          { year: 2024, income: 1, costs: 1 },
        ],
      }),
    );
    expect(budgetIssues(data, VASTERAS).map((i) => i.message)).toEqual([
      'Region Västmanland has no contribution',
      'Västerås stad has no contribution',
      'An individinsats line names its insats',
      'The prognosis covers 2023 and 2024, in order',
    ]);
  });
});
