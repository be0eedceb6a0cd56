import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { ownMembers, unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
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
  decidedLate,
  decisionDeadline,
  fixedCosts,
  isFixedCost,
  type Prognosis,
  prognosisResult,
  prognosisYears,
  variableCosts,
} from '../domain/funding-law.js';
import { Budget } from '../entities/Budget.js';
import { BudgetContribution } from '../entities/BudgetContribution.js';
import { BudgetCostLine } from '../entities/BudgetCostLine.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { InterventionRef, intervention } from './Intervention.js';
import { MemberRef } from './Member.js';

const CostLineCategoryEnum = builder.enumType('BudgetCostCategory', {
  description: 'Kostnadsslag of a budget cost line: it makes the line a fast (fixed) or rörlig (variable) cost.',
  values: {
    KANSLI: { description: 'Fast kostnad: kansli.' },
    SALARIES_AND_FEES: { description: 'Fast kostnad: löner och arvoden.' },
    INDIVIDUAL_INTERVENTION: { description: 'Rörlig kostnad: individinsats (names the insats).' },
    STRUCTURAL_INTERVENTION: { description: 'Rörlig kostnad: strukturella insatser (may name the insats).' },
    OTHER: { description: 'Rörlig kostnad: övrigt.' },
  } as const,
});

/** The figures the funding law's arithmetic reads, from a budget as stored. */
export const budgetFigures = (b: Budget): BudgetFigures => ({
  openingEquity: b.openingEquity,
  contributions: b.contributions.getItems(),
  costLines: b.costLines.getItems(),
});

const ContributionRef = builder.objectRef<BudgetContribution>('BudgetContribution').implement({
  description: 'Medlemsbidrag: what one member pays in the budget year.',
  fields: (t) => ({
    member: t.field({
      type: MemberRef,
      description: 'The member (medlem) who pays: Försäkringskassan, Arbetsförmedlingen, the region or a kommun.',
      resolve: (c) => ({ id: c.memberId }),
    }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (c) => c.amount }),
  }),
});

const CostLineRef = builder.objectRef<BudgetCostLine>('BudgetCostLine').implement({
  description: "One line of a budget's costs (kostnader), in whole kronor.",
  fields: (t) => ({
    category: t.field({
      type: CostLineCategoryEnum,
      description: 'Kostnadsslag; it decides whether the line is a fast or rörlig kostnad.',
      resolve: (l) => l.category,
    }),
    fixed: t.boolean({
      description: 'Fast kostnad (kansli, löner och arvoden); otherwise rörlig.',
      resolve: isFixedCost,
    }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      description: 'The insats the line pays for: always named on an individinsats line, maybe on a strukturell one.',
      resolve: (l) => (l.interventionId ? intervention(l.interventionId) : null),
    }),
    description: t.exposeString('description', { description: 'What the cost is, as the budget names it.' }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (l) => l.amount }),
  }),
});

const PrognosisRef = builder.objectRef<Prognosis>('BudgetPrognosis').implement({
  description: 'Prognos for a following year, as decided with the budget.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The year the prognosis is for: one or two years after the budget.' }),
    income: t.field({ type: 'Kronor', description: 'Expected intäkter, kronor.', resolve: (p) => p.income }),
    costs: t.field({ type: 'Kronor', description: 'Expected kostnader, kronor.', resolve: (p) => p.costs }),
    result: t.field({
      type: 'Kronor',
      description: 'Expected resultat = intäkter − kostnader.',
      resolve: (p) => prognosisResult(p),
    }),
  }),
});

export const BudgetRef = builder.objectRef<Budget>('Budget').implement({
  description:
    "A förbund's budget for a calendar year, as the board decided it. Every total is computed from its lines.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The budget's id; it stays the same when the year's budget is replaced." }),
    year: t.exposeInt('year', { description: 'The calendar year the budget covers.' }),
    decidedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'When the board decided it; null when not recorded.',
      resolve: (b) => b.decidedOn ?? null,
    }),
    decisionDeadline: t.field({
      type: 'Date',
      description: '30 November of the year before.',
      resolve: (b) => decisionDeadline(b.year),
    }),
    decidedLate: t.boolean({
      description: 'Decided after 30 November of the year before.',
      resolve: decidedLate,
    }),
    contributions: t.field({
      type: [ContributionRef],
      description: 'Medlemsbidrag: what each member pays, in the order the budget lists them.',
      resolve: (b) => b.contributions.getItems(),
    }),
    costLines: t.field({
      type: [CostLineRef],
      description: 'The fixed and variable costs, in the order the budget lists them.',
      resolve: (b) => b.costLines.getItems(),
    }),
    income: t.field({
      type: 'Kronor',
      description: 'Intäkter: the members’ contributions, kronor.',
      resolve: (b) => budgetIncome(budgetFigures(b)),
    }),
    fixedCosts: t.field({
      type: 'Kronor',
      description: 'Fasta kostnader, kronor.',
      resolve: (b) => fixedCosts(budgetFigures(b)),
    }),
    variableCosts: t.field({
      type: 'Kronor',
      description: 'Rörliga kostnader, kronor.',
      resolve: (b) => variableCosts(budgetFigures(b)),
    }),
    costs: t.field({
      type: 'Kronor',
      description: 'Kostnader, kronor.',
      resolve: (b) => budgetCosts(budgetFigures(b)),
    }),
    result: t.field({
      type: 'Kronor',
      description: 'Budgeterat resultat = intäkter − kostnader.',
      resolve: (b) => budgetResult(budgetFigures(b)),
    }),
    openingEquity: t.field({
      type: 'Kronor',
      description: 'Eget kapital brought in at the start of the year, kronor.',
      resolve: (b) => b.openingEquity,
    }),
    closingEquity: t.field({
      type: 'Kronor',
      description: 'Budgeted eget kapital at year end = opening + result.',
      resolve: (b) => budgetClosingEquity(budgetFigures(b)),
    }),
    prognosis: t.field({
      type: [PrognosisRef],
      description: 'The two following years.',
      resolve: (b) => {
        const [next, after] = prognosisYears(b.year);
        return [
          { year: next, income: b.prognosisIncome1, costs: b.prognosisCosts1 },
          { year: after, income: b.prognosisIncome2, costs: b.prognosisCosts2 },
        ];
      },
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
    args: { year: t.arg.int({ required: true, description: 'The budget year.' }) },
    resolve: (forbund, { year }, ctx) => findBudget(ctx, forbund.id, year),
  }),
}));

// --- writing -------------------------------------------------------------------------------

const ContributionInput = builder.inputType('BudgetContributionInput', {
  description: 'Medlemsbidrag: what one member pays in the budget year.',
  fields: (t) => ({
    memberId: t.id({ required: true, description: 'From `forbund { members { id } }`.' }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
  }),
});
const CostLineInput = builder.inputType('BudgetCostLineInput', {
  description: "One line of the budget's costs.",
  fields: (t) => ({
    category: t.field({
      type: CostLineCategoryEnum,
      required: true,
      description: 'Kostnadsslag; it makes the line a fast or rörlig kostnad.',
    }),
    interventionId: t.id({
      description:
        'The insats, for an individinsats line (required) or a strukturell one; other lines name none. ' +
        'An insats of your förbund.',
    }),
    description: t.string({ required: true, description: 'What the cost is, 2–200 characters.' }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
  }),
});
const PrognosisInput = builder.inputType('BudgetPrognosisInput', {
  description: 'Prognos for one of the two years after the budget year.',
  fields: (t) => ({
    year: t.int({
      required: true,
      description: 'The budget year + 1 for the first prognosis, + 2 for the second.',
    }),
    income: t.field({ type: 'Kronor', required: true, description: 'Expected intäkter, whole kronor.' }),
    costs: t.field({ type: 'Kronor', required: true, description: 'Expected kostnader, whole kronor.' }),
  }),
});
const SetBudgetInput = builder.inputType('SetBudgetInput', {
  description:
    "A förbund's budget for a year as the board decided it; the contributions must follow FINSAM's split " +
    '(within a krona of each share).',
  fields: (t) => ({
    year: t.int({ required: true, description: 'The calendar year the budget covers (2004 or later).' }),
    openingEquity: t.field({ type: 'Kronor', required: true, description: 'Eget kapital brought in, kronor.' }),
    decidedOn: t.field({ type: 'Date', description: 'When the board decided it.' }),
    contributions: t.field({
      type: [ContributionInput],
      required: true,
      description:
        'One per member: state 50 % (Försäkringskassan, for FK and AF; Arbetsförmedlingen gives 0), ' +
        'region 25 %, each kommun its agreed share of the kommuner’s 25 %.',
    }),
    costLines: t.field({
      type: [CostLineInput],
      required: true,
      description: 'Fixed and variable costs, in the order the budget lists them.',
    }),
    prognosis: t.field({ type: [PrognosisInput], required: true, description: 'The two following years.' }),
  }),
});

/** The law against the förbund's members (from governance), and the insatser named against teams. */
async function check(ctx: SubgraphContext, d: BudgetInput) {
  const named = d.costLines.flatMap((l, n) =>
    l.interventionId ? [{ id: l.interventionId, path: ['input', 'costLines', n, 'interventionId'] }] : [],
  );
  const [members, unknown] = await Promise.all([ownMembers(ctx), unknownInterventionIssues(ctx, named)]);
  const issues = [...budgetIssues(d, members), ...unknown];
  if (issues.length) {
    throw new ValidationError(issues);
  }
}

builder.mutationFields((t) => ({
  setBudget: t.field({
    type: BudgetRef,
    description: "Records the board's budget for a year, replacing an earlier version. Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: {
      input: t.arg({
        type: SetBudgetInput,
        required: true,
        description: "The whole budget; it replaces the year's earlier version, if any.",
      }),
    },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(budgetInput, {
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
        // The year's budget row, new or replaced, in one upsert that holds its row lock until the commit: a
        // second setBudget for the year at the same moment waits, then replaces this one's lines whole.
        const now = new Date();
        const budget = await tx.upsert(
          Budget,
          { id: randomUUID(), tenantId, year: data.year, ...fields, createdAt: now, updatedAt: now },
          { onConflictFields: ['tenantId', 'year'], onConflictExcludeFields: ['id', 'createdAt'] },
        );
        await tx.nativeDelete(BudgetContribution, { budget });
        await tx.nativeDelete(BudgetCostLine, { budget });
        data.contributions.forEach((c, position) =>
          tx.create(BudgetContribution, {
            id: randomUUID(),
            tenantId,
            budget,
            memberId: c.memberId,
            amount: BigInt(c.amount),
            position,
          }),
        );
        data.costLines.forEach((l, position) =>
          tx.create(BudgetCostLine, {
            id: randomUUID(),
            tenantId,
            budget,
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
