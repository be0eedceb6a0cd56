/**
 * The FINSAM funding law and a budget's arithmetic (DOMAIN.md, Money). By law the state pays 50 %
 * (Försäkringskassan, on behalf of FK and AF), the region 25 % and the kommuner together 25 %,
 * split among them by their agreed shares. Costs are fixed (kansli, löner och arvoden) or
 * variable; eget kapital carries over from year to year; a budget carries a prognosis for the two
 * following years, and the board decides it by 30 November of the year before.
 */
import type { DirectoryMember } from '@finsam/kit/directory.js';
import type { ValidationIssue } from '@finsam/kit/errors.js';
import { z } from 'zod';
import { COST_LINE_CATEGORIES, type CostLineCategory, FIXED_COST_CATEGORIES } from '../entities/BudgetCostLine.js';
import { amountSchema, formatKronor, sum } from './money.js';
import { YEAR } from './year.js';

/** FINSAM's split, in basis points of the whole. */
export const FUNDING_LAW = { FORSAKRINGSKASSAN: 5000, REGION: 2500, KOMMUNER: 2500 } as const;

/** The board decides next year's budget by 30 November. */
export const decisionDeadline = (year: number) => `${year - 1}-11-30`;
export const decidedLate = (b: { year: number; decidedOn?: string | null }) =>
  !!b.decidedOn && b.decidedOn > decisionDeadline(b.year);

// --- the budget's figures ----------------------------------------------------------------------

export interface CostLineFigures {
  category: CostLineCategory;
  interventionId?: string | null;
  amount: bigint;
}

/** What a budget's totals are computed from. */
export interface BudgetFigures {
  openingEquity: bigint;
  contributions: readonly { amount: bigint }[];
  costLines: readonly CostLineFigures[];
}

/** Fast kostnad (kansli, löner och arvoden); every other line is rörlig. */
export const isFixedCost = (l: { category: CostLineCategory }) => FIXED_COST_CATEGORIES.includes(l.category);

const costLinesTotal = (b: BudgetFigures, keep: (l: CostLineFigures) => boolean) =>
  sum(b.costLines.filter(keep).map((l) => l.amount));

export const fixedCosts = (b: BudgetFigures) => costLinesTotal(b, isFixedCost);
export const variableCosts = (b: BudgetFigures) => costLinesTotal(b, (l) => !isFixedCost(l));
/** Rörliga kostnader that name no insats: no requisition accounts for them. */
export const otherCosts = (b: BudgetFigures) => costLinesTotal(b, (l) => !isFixedCost(l) && !l.interventionId);
/** Intäkter: the members' contributions. */
export const budgetIncome = (b: BudgetFigures) => sum(b.contributions.map((c) => c.amount));
export const budgetCosts = (b: BudgetFigures) => fixedCosts(b) + variableCosts(b);
/** Budgeterat resultat = intäkter − kostnader. */
export const budgetResult = (b: BudgetFigures) => budgetIncome(b) - budgetCosts(b);
/** Eget kapital carries over: what the year began with plus its result (a negative result uses it up). */
export const equityCarriedOver = (openingEquity: bigint, result: bigint) => openingEquity + result;
export const budgetClosingEquity = (b: BudgetFigures) => equityCarriedOver(b.openingEquity, budgetResult(b));

export interface Prognosis {
  year: number;
  income: bigint;
  costs: bigint;
}
/** The years a budget's prognosis covers: the two after it, in order. */
export const prognosisYears = (year: number) => [year + 1, year + 2] as const;
export const prognosisResult = (p: Prognosis) => p.income - p.costs;

// --- a budget as the board sends it ------------------------------------------------------------

export const budgetInput = z.object({
  year: YEAR,
  openingEquity: amountSchema,
  /** A `Date` argument: the scalar has checked it is YYYY-MM-DD. */
  decidedOn: z.string().nullish(),
  contributions: z
    .array(z.object({ memberId: z.uuid('Not a member id'), amount: amountSchema }))
    .min(1, 'A budget has contributions'),
  costLines: z.array(
    z.object({
      category: z.enum(COST_LINE_CATEGORIES),
      interventionId: z.uuid('Not an insats id').nullish(),
      description: z.string().trim().min(2, 'Describe the cost').max(200),
      amount: amountSchema,
    }),
  ),
  prognosis: z
    .array(z.object({ year: YEAR, income: amountSchema, costs: amountSchema }))
    .length(2, 'A budget has a prognosis for the two following years'),
});
export type BudgetInput = z.infer<typeof budgetInput>;

/** "50.00 %": `part` of `total`, to the hundredth of a percent. */
const percent = (part: bigint, total: bigint) => {
  const hundredths = total === 0n ? 0n : (part * 10000n + total / 2n) / total;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')} %`;
};
/** Within a krona of `basisPoints` of the total: shares of odd totals round. */
const matches = (part: bigint, total: bigint, basisPoints: number) => {
  const diff = part * 10000n - total * BigInt(basisPoints);
  return (diff < 0n ? -diff : diff) < 10000n;
};

/**
 * The contributions against the law and the kommuner's agreed shares (`members`: the förbund's,
 * from governance). Each issue names the member whose share is off, what it pays and what it
 * should pay; issues about the whole sit at `input.contributions`.
 */
export function contributionIssues(
  contributions: BudgetInput['contributions'],
  members: readonly DirectoryMember[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const total = sum(contributions.map((c) => BigInt(c.amount)));
  const at = (n: number | null, message: string) =>
    issues.push({ path: n === null ? ['input', 'contributions'] : ['input', 'contributions', n, 'amount'], message });
  const share = (n: number, label: string, bp: number) => {
    const amount = BigInt(contributions[n]!.amount);
    if (!matches(amount, total, bp)) {
      const due = (total * BigInt(bp) + 5000n) / 10000n;
      at(
        n,
        `${label} pays ${percent(amount, total)} (${formatKronor(amount)}); ` +
          `its share is ${percent(BigInt(bp), 10000n)} of ${formatKronor(total)} = ${formatKronor(due)}`,
      );
    }
  };

  const seen = new Set<string>();
  contributions.forEach((c, n) => {
    const member = byId.get(c.memberId);
    if (!member) {
      return issues.push({
        path: ['input', 'contributions', n, 'memberId'],
        message: `${c.memberId} is not a member of your förbund`,
      });
    }
    if (seen.has(c.memberId)) {
      return issues.push({
        path: ['input', 'contributions', n, 'memberId'],
        message: `${member.name} is listed twice`,
      });
    }
    seen.add(c.memberId);
    if (member.kind === 'FORSAKRINGSKASSAN') {
      share(n, 'The state (Försäkringskassan, for FK and AF)', FUNDING_LAW.FORSAKRINGSKASSAN);
    }
    if (member.kind === 'ARBETSFORMEDLINGEN' && c.amount !== 0) {
      at(n, "Arbetsförmedlingen's part of the state's 50 % is paid by Försäkringskassan; give 0 here");
    }
    if (member.kind === 'REGION') {
      share(n, member.name, FUNDING_LAW.REGION);
    }
    if (member.kind === 'KOMMUN') {
      share(n, member.name, member.shareBasisPoints ?? 0);
    }
  });
  if (total === 0n) {
    at(null, 'The contributions total 0 kr');
  }
  for (const m of members) {
    if (m.kind !== 'ARBETSFORMEDLINGEN' && !seen.has(m.id)) {
      at(null, `${m.name} has no contribution`);
    }
  }
  const kommuner = sum(
    contributions.filter((c) => byId.get(c.memberId)?.kind === 'KOMMUN').map((c) => BigInt(c.amount)),
  );
  if (!matches(kommuner, total, FUNDING_LAW.KOMMUNER)) {
    at(null, `The kommuner together pay ${percent(kommuner, total)}; by law they pay 25.00 %`);
  }
  return issues;
}

/** Lines that are not about one insats. */
const NAMES_NO_INSATS: readonly CostLineCategory[] = ['KANSLI', 'SALARIES_AND_FEES', 'OTHER'];

/** An individinsats line names its insats; a strukturell one may; the others may not. */
export function costLineIssues(costLines: BudgetInput['costLines']): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  costLines.forEach((l, n) => {
    const path = ['input', 'costLines', n, 'interventionId'];
    if (l.category === 'INDIVIDUAL_INTERVENTION' && !l.interventionId) {
      issues.push({ path, message: 'An individinsats line names its insats' });
    }
    if (NAMES_NO_INSATS.includes(l.category) && l.interventionId) {
      issues.push({ path, message: 'Only insats lines name an insats' });
    }
  });
  return issues;
}

export function prognosisIssues(year: number, prognosis: BudgetInput['prognosis']): ValidationIssue[] {
  const years = prognosisYears(year);
  return prognosis.flatMap((p, n) =>
    p.year === years[n]
      ? []
      : [
          {
            path: ['input', 'prognosis', n, 'year'],
            message: `The prognosis covers ${years[0]} and ${years[1]}, in order`,
          },
        ],
  );
}

/** Everything the law and the budget's own shape say about a budget; whether its insatser exist is asked of teams. */
export function budgetIssues(d: BudgetInput, members: readonly DirectoryMember[]): ValidationIssue[] {
  return [
    ...contributionIssues(d.contributions, members),
    ...costLineIssues(d.costLines),
    ...prognosisIssues(d.year, d.prognosis),
  ];
}
