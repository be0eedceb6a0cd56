import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { type DirectoryMember, ownMembers, unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { Budget } from '../entities/Budget.js';
import { BudgetContribution } from '../entities/BudgetContribution.js';
import {
  BudgetCostLine,
  COST_LINE_CATEGORIES,
  type CostLineCategory,
  FIXED_COST_CATEGORIES,
} from '../entities/BudgetCostLine.js';
import { YEAR } from './Allocation.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { InterventionRef, intervention } from './Intervention.js';
import { MemberRef } from './Member.js';
import { amountSchema, formatKronor, kronor, sum } from './money.js';

const CostLineCategoryEnum = builder.enumType('BudgetCostCategory', {
  values: {
    KANSLI: { description: 'Fast kostnad: kansli.' },
    SALARIES_AND_FEES: { description: 'Fast kostnad: löner och arvoden.' },
    INDIVIDUAL_INTERVENTION: { description: 'Rörlig kostnad: individinsats (names the insats).' },
    STRUCTURAL_INTERVENTION: { description: 'Rörlig kostnad: strukturella insatser (may name the insats).' },
    OTHER: { description: 'Rörlig kostnad: övrigt.' },
  } as const,
});

/** The board decides next year's budget by 30 November (DOMAIN.md, Money). */
const decisionDeadline = (year: number) => `${year - 1}-11-30`;

/** Fast kostnad (kansli, löner och arvoden); every other line is rörlig. */
const isFixedCost = (l: BudgetCostLine) => FIXED_COST_CATEGORIES.includes(l.category);
/** The sum of the budget's cost lines that `keep` keeps. */
const costLinesTotal = (b: Budget, keep: (l: BudgetCostLine) => boolean) =>
  sum(
    b.costLines
      .getItems()
      .filter(keep)
      .map((l) => l.amount),
  );
export const fixedCosts = (b: Budget) => costLinesTotal(b, isFixedCost);
const variableCosts = (b: Budget) => costLinesTotal(b, (l) => !isFixedCost(l));
/** Rörliga kostnader that name no insats: no requisition accounts for them. */
export const otherCosts = (b: Budget) => costLinesTotal(b, (l) => !isFixedCost(l) && !l.interventionId);
export const budgetIncome = (b: Budget) => sum(b.contributions.getItems().map((c) => c.amount));
const budgetResult = (b: Budget) => budgetIncome(b) - fixedCosts(b) - variableCosts(b);

const ContributionRef = builder.objectRef<BudgetContribution>('BudgetContribution').implement({
  description: 'Medlemsbidrag: what one member pays in the budget year.',
  fields: (t) => ({
    member: t.field({ type: MemberRef, resolve: (c) => ({ id: c.memberId }) }),
    amount: t.int({ description: 'Kronor.', resolve: (c) => kronor(c.amount) }),
  }),
});

const CostLineRef = builder.objectRef<BudgetCostLine>('BudgetCostLine').implement({
  fields: (t) => ({
    category: t.field({ type: CostLineCategoryEnum, resolve: (l) => l.category }),
    fixed: t.boolean({
      description: 'Fast kostnad (kansli, löner och arvoden); otherwise rörlig.',
      resolve: isFixedCost,
    }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      resolve: (l) => (l.interventionId ? intervention(l.interventionId) : null),
    }),
    description: t.exposeString('description'),
    amount: t.int({ description: 'Kronor.', resolve: (l) => kronor(l.amount) }),
  }),
});

interface Prognosis {
  year: number;
  income: bigint;
  costs: bigint;
}
const PrognosisRef = builder.objectRef<Prognosis>('BudgetPrognosis').implement({
  description: 'Prognos for a following year, as decided with the budget.',
  fields: (t) => ({
    year: t.exposeInt('year'),
    income: t.int({ resolve: (p) => kronor(p.income) }),
    costs: t.int({ resolve: (p) => kronor(p.costs) }),
    result: t.int({ resolve: (p) => kronor(p.income - p.costs) }),
  }),
});

export const BudgetRef = builder.objectRef<Budget>('Budget').implement({
  description:
    "A förbund's budget for a calendar year, as the board decided it. Every total is computed from its lines.",
  fields: (t) => ({
    id: t.exposeID('id'),
    year: t.exposeInt('year'),
    decidedOn: t.field({ type: 'Date', nullable: true, resolve: (b) => b.decidedOn ?? null }),
    decisionDeadline: t.field({
      type: 'Date',
      description: '30 November of the year before.',
      resolve: (b) => decisionDeadline(b.year),
    }),
    decidedLate: t.boolean({
      description: 'Decided after 30 November of the year before.',
      resolve: (b) => !!b.decidedOn && b.decidedOn > decisionDeadline(b.year),
    }),
    contributions: t.field({ type: [ContributionRef], resolve: (b) => b.contributions.getItems() }),
    costLines: t.field({ type: [CostLineRef], resolve: (b) => b.costLines.getItems() }),
    income: t.int({
      description: 'Intäkter: the members’ contributions, kronor.',
      resolve: (b) => kronor(budgetIncome(b)),
    }),
    fixedCosts: t.int({ description: 'Fasta kostnader, kronor.', resolve: (b) => kronor(fixedCosts(b)) }),
    variableCosts: t.int({ description: 'Rörliga kostnader, kronor.', resolve: (b) => kronor(variableCosts(b)) }),
    costs: t.int({ description: 'Kostnader, kronor.', resolve: (b) => kronor(fixedCosts(b) + variableCosts(b)) }),
    result: t.int({
      description: 'Budgeterat resultat = intäkter − kostnader.',
      resolve: (b) => kronor(budgetResult(b)),
    }),
    openingEquity: t.int({
      description: 'Eget kapital brought in at the start of the year, kronor.',
      resolve: (b) => kronor(b.openingEquity),
    }),
    closingEquity: t.int({
      description: 'Budgeted eget kapital at year end = opening + result.',
      resolve: (b) => kronor(b.openingEquity + budgetResult(b)),
    }),
    prognosis: t.field({
      type: [PrognosisRef],
      description: 'The two following years.',
      resolve: (b) => [
        { year: b.year + 1, income: b.prognosisIncome1, costs: b.prognosisCosts1 },
        { year: b.year + 2, income: b.prognosisIncome2, costs: b.prognosisCosts2 },
      ],
    }),
  }),
});

export function findBudget(ctx: SubgraphContext, tenantId: string, year: number) {
  return ctx.em.findOne(Budget, { tenantId, year }, { populate: ['contributions', 'costLines'] });
}

builder.objectFields(ForbundRef, (t) => ({
  budget: t.field({
    type: BudgetRef,
    nullable: true,
    description: "The förbund's budget for a year; null when none is decided.",
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true }) },
    resolve: (forbund, { year }, ctx) => findBudget(ctx, forbund.id, year),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const ContributionInput = builder.inputType('BudgetContributionInput', {
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'From `forbund { members { id } }`.' }),
    amount: t.int({ required: true, description: 'Whole kronor.' }),
  }),
});
const CostLineInput = builder.inputType('BudgetCostLineInput', {
  fields: (t) => ({
    category: t.field({ type: CostLineCategoryEnum, required: true }),
    interventionId: t.id({ description: 'The insats, for an individinsats line (required) or a strukturell one.' }),
    description: t.string({ required: true }),
    amount: t.int({ required: true, description: 'Whole kronor.' }),
  }),
});
const PrognosisInput = builder.inputType('BudgetPrognosisInput', {
  fields: (t) => ({
    year: t.int({ required: true }),
    income: t.int({ required: true }),
    costs: t.int({ required: true }),
  }),
});
const SetBudgetInput = builder.inputType('SetBudgetInput', {
  fields: (t) => ({
    year: t.int({ required: true }),
    openingEquity: t.int({ required: true, description: 'Eget kapital brought in, kronor.' }),
    decidedOn: t.field({ type: 'Date', description: 'When the board decided it.' }),
    contributions: t.field({
      type: [ContributionInput],
      required: true,
      description:
        'One per member: state 50 % (Försäkringskassan, for FK and AF), region 25 %, each kommun its agreed share of 25 %.',
    }),
    costLines: t.field({ type: [CostLineInput], required: true }),
    prognosis: t.field({ type: [PrognosisInput], required: true, description: 'The two following years.' }),
  }),
});

const budgetSchema = z.object({
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
type BudgetData = z.infer<typeof budgetSchema>;

/** FINSAM's split, in basis points of the whole. */
const LAW = { FORSAKRINGSKASSAN: 5000, REGION: 2500, KOMMUNER: 2500 } as const;

const percent = (part: bigint, total: bigint) => {
  const hundredths = total === 0n ? 0n : (part * 10000n + total / 2n) / total;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')} %`;
};
/** Within a krona of `basisPoints` of the total: shares of odd totals round. */
const matches = (part: bigint, total: bigint, basisPoints: number) => {
  const diff = part * 10000n - total * BigInt(basisPoints);
  return (diff < 0n ? -diff : diff) < 10000n;
};

/** Checks the contributions against the law and the kommuner's agreed shares; each issue names the share that is off. */
function lawIssues(contributions: BudgetData['contributions'], members: DirectoryMember[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const total = sum(contributions.map((c) => BigInt(c.amount)));
  const at = (n: number | null, message: string) =>
    issues.push({ path: n === null ? ['input', 'contributions'] : ['input', 'contributions', n, 'amount'], message });
  const share = (n: number, label: string, bp: number) => {
    const amount = BigInt(contributions[n]!.amount);
    if (!matches(amount, total, bp)) {
      at(
        n,
        `${label} pays ${percent(amount, total)} (${formatKronor(amount)}); its share is ${percent(BigInt(bp), 10000n)} of ${formatKronor(total)} = ${formatKronor((total * BigInt(bp) + 5000n) / 10000n)}`,
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
      share(n, 'The state (Försäkringskassan, for FK and AF)', LAW.FORSAKRINGSKASSAN);
    }
    if (member.kind === 'ARBETSFORMEDLINGEN' && c.amount !== 0) {
      at(n, "Arbetsförmedlingen's part of the state's 50 % is paid by Försäkringskassan; give 0 here");
    }
    if (member.kind === 'REGION') {
      share(n, member.name, LAW.REGION);
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
  if (!matches(kommuner, total, LAW.KOMMUNER)) {
    at(null, `The kommuner together pay ${percent(kommuner, total)}; by law they pay 25.00 %`);
  }
  return issues;
}

/** Lines that are not about one insats. */
const NAMES_NO_INSATS: readonly CostLineCategory[] = ['KANSLI', 'SALARIES_AND_FEES', 'OTHER'];

function costLineIssues(d: BudgetData): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  d.costLines.forEach((l, n) => {
    const path = ['input', 'costLines', n, 'interventionId'];
    if (l.category === 'INDIVIDUAL_INTERVENTION' && !l.interventionId) {
      issues.push({ path, message: 'An individinsats line names its insats' });
    }
    if (NAMES_NO_INSATS.includes(l.category) && l.interventionId) {
      issues.push({ path, message: 'Only insats lines name an insats' });
    }
  });
  d.prognosis.forEach((p, n) => {
    if (p.year !== d.year + n + 1) {
      issues.push({
        path: ['input', 'prognosis', n, 'year'],
        message: `The prognosis covers ${d.year + 1} and ${d.year + 2}, in order`,
      });
    }
  });
  return issues;
}

async function check(ctx: SubgraphContext, d: BudgetData) {
  const named = d.costLines.flatMap((l, n) =>
    l.interventionId ? [{ id: l.interventionId, path: ['input', 'costLines', n, 'interventionId'] }] : [],
  );
  const [members, unknown] = await Promise.all([ownMembers(ctx), unknownInterventionIssues(ctx, named)]);
  const issues = [...lawIssues(d.contributions, members), ...costLineIssues(d), ...unknown];
  if (issues.length) {
    throw new ValidationError(issues);
  }
}

builder.mutationFields((t) => ({
  setBudget: t.field({
    type: BudgetRef,
    description: "Records the board's budget for a year, replacing an earlier version. Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: SetBudgetInput, required: true }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(budgetSchema, {
        ...input,
        contributions: input.contributions.map((c) => ({ ...c, memberId: String(c.memberId) })),
        costLines: input.costLines.map((l) => ({
          ...l,
          interventionId: l.interventionId == null ? null : String(l.interventionId),
        })),
      });
      await check(ctx, data);
      const tenantId = tenantOf(ctx);
      await ctx.em.transactional(async (tx) => {
        const fields = {
          openingEquity: BigInt(data.openingEquity),
          decidedOn: data.decidedOn ?? null,
          prognosisIncome1: BigInt(data.prognosis[0]!.income),
          prognosisCosts1: BigInt(data.prognosis[0]!.costs),
          prognosisIncome2: BigInt(data.prognosis[1]!.income),
          prognosisCosts2: BigInt(data.prognosis[1]!.costs),
        };
        let budget = await tx.findOne(Budget, { year: data.year });
        if (budget) {
          await tx.nativeDelete(BudgetContribution, { budget });
          await tx.nativeDelete(BudgetCostLine, { budget });
          tx.assign(budget, fields);
        } else {
          budget = tx.create(Budget, { id: randomUUID(), tenantId, year: data.year, ...fields });
        }
        data.contributions.forEach((c, position) =>
          tx.create(BudgetContribution, {
            id: randomUUID(),
            tenantId,
            budget: budget!,
            memberId: c.memberId,
            amount: BigInt(c.amount),
            position,
          }),
        );
        data.costLines.forEach((l, position) =>
          tx.create(BudgetCostLine, {
            id: randomUUID(),
            tenantId,
            budget: budget!,
            category: l.category,
            interventionId: l.interventionId ?? null,
            description: l.description,
            amount: BigInt(l.amount),
            position,
          }),
        );
      });
      // A fresh read: the collections as stored, not as the unit of work left them.
      ctx.em.clear();
      return (await findBudget(ctx, tenantId, data.year))!;
    },
  }),
}));
