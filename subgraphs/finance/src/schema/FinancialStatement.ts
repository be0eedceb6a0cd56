import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { PERIODS_PER_YEAR } from '@finsam/kit/requisition-periods.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import { noUsage, type Usage } from '../domain/allocations.js';
import {
  DEFAULT_EQUITY_CEILING,
  type EquityCeilingSetting,
  equityCeiling,
  equityCeilingInput,
  overCeiling,
} from '../domain/equity-ceiling.js';
import {
  budgetOutcome,
  closingEquityIfBudgetHolds,
  type OutcomeRow,
  ownCostsTotal,
  statementClosingEquity,
  statementCosts,
  statementResult,
  totalAllocated,
  totalDifferens,
  totalUsed,
  unrecordedBudgeted,
} from '../domain/financial-statement.js';
import { type BudgetFigures, budgetIncome, fixedCosts, otherCosts } from '../domain/funding-law.js';
import type { Budget } from '../entities/Budget.js';
import { FinanceSetting } from '../entities/FinanceSetting.js';
import type { ForbundCost } from '../entities/ForbundCost.js';
import type { SharedPost } from '../entities/SharedPost.js';
import { BudgetRef, budgetFigures, findBudget } from './Budget.js';
import { BudgetUsageRef, forbundUsage } from './BudgetUsage.js';
import { builder } from './builder.js';
import { ForbundRef } from './Forbund.js';
import { ownCostsOf } from './ForbundCost.js';
import { InterventionRef, intervention } from './Intervention.js';
import { SharedPostMoneyRef, SharedPostRef, sharedPostsOf } from './SharedPost.js';

/**
 * A förbund's year. Each part is read when a field first asks for it, once per statement: the year
 * report's `finance { allocated used differens }` reads the usage alone (one statement), the full
 * statement every part (five, at once).
 */
interface Statement {
  year: number;
  budget: () => Promise<Budget | null>;
  /** Every insats and shared post with an allocation or a requisition that year. */
  usage: () => Promise<Usage[]>;
  /** Insatser only. */
  interventions: () => Promise<Usage[]>;
  sharedPosts: () => Promise<{ post: SharedPost; money: Usage }[]>;
  ownCosts: () => Promise<ForbundCost[]>;
  setting: () => Promise<EquityCeilingSetting & { own: boolean }>;
}

/** The last day of a requisition period's second month: what "until period 3" means for a booked cost. */
const periodEnd = (year: number, period: number) => new Date(Date.UTC(year, 2 * period, 0)).toISOString().slice(0, 10);

/** `read` once, when first asked. */
const once = <T>(read: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= read());
};

export async function equityCeilingSetting(ctx: SubgraphContext, tenantId: string) {
  const own = await ctx.em.findOne(FinanceSetting, { tenantId });
  return own
    ? { basisPoints: own.equityCeilingBasisPoints, minimumAmount: own.equityCeilingMinimum, own: true }
    : { ...DEFAULT_EQUITY_CEILING, own: false };
}

/**
 * A förbund's year: its budget (if decided), every insats and shared post with an allocation or a
 * requisition that year, its own recorded costs and its eget kapital ceiling — each read when asked.
 */
export function statementFor(
  ctx: SubgraphContext,
  tenantId: string,
  year: number,
  untilPeriod: number = PERIODS_PER_YEAR,
): Statement {
  const usage = once(() => forbundUsage(ctx, tenantId, year, untilPeriod));
  const posts = once(() => sharedPostsOf(ctx, tenantId));
  // Allocations and requisitions key money by its holder: a shared post's rows are its own, not an insats'.
  const split = once(async () => {
    const [all, shared] = await Promise.all([usage(), posts()]);
    const postIds = new Set(shared.map((p) => p.id));
    const byId = new Map(all.map((u) => [u.interventionId, u]));
    return {
      interventions: all.filter((u) => !postIds.has(u.interventionId)),
      sharedPosts: shared.map((post) => ({ post, money: byId.get(post.id) ?? noUsage(post.id, year) })),
    };
  });
  return {
    year,
    budget: once(() => findBudget(ctx, tenantId, year)),
    usage,
    interventions: async () => (await split()).interventions,
    sharedPosts: async () => (await split()).sharedPosts,
    ownCosts: once(() => ownCostsOf(ctx, tenantId, year, periodEnd(year, untilPeriod))),
    setting: once(() => equityCeilingSetting(ctx, tenantId)),
  };
}

/**
 * Insatser and shared posts: the Årsrapport's budget table counts both. That is every usage row (a
 * shared post without one adds nothing), so the totals need not read the shared posts.
 */
const allMoney = (s: Statement) => s.usage();

/** A figure that needs the year's budget: null without one. */
const withBudget = async (s: Statement, figure: (b: BudgetFigures) => bigint) => {
  const budget = await s.budget();
  return budget ? figure(budgetFigures(budget)) : null;
};

const outcome = async (s: Statement) => {
  const [budget, interventions, ownCosts] = await Promise.all([s.budget(), s.interventions(), s.ownCosts()]);
  return budgetOutcome(budget ? budgetFigures(budget) : { costLines: [] }, interventions, ownCosts);
};
/** Figures of the budget, all the money and the own costs together: null without a budget. */
const withAll = async (s: Statement, figure: (b: BudgetFigures, money: Usage[], own: ForbundCost[]) => bigint) => {
  const [budget, money, ownCosts] = await Promise.all([s.budget(), allMoney(s), s.ownCosts()]);
  return budget ? figure(budgetFigures(budget), money, ownCosts) : null;
};
const closing = (s: Statement) => withAll(s, statementClosingEquity);

/** The ceiling's figures: the setting, the year's contributions and eget kapital at year end. */
const ceilingOf = async (s: Statement) => {
  const [setting, income, equity] = await Promise.all([s.setting(), withBudget(s, budgetIncome), closing(s)]);
  return { setting, income: income ?? 0n, equity };
};

const OutcomeStateEnum = builder.enumType('BudgetOutcomeState', {
  description: 'Whether anything has been recorded against a budget line.',
  values: {
    RECORDED: { description: 'Costs are recorded: an own cost of the category, or a counted rekvisition.' },
    NOT_RECORDED: { description: 'Budgeted, nothing recorded yet: the outcome is unknown, not 0 kr.' },
  } as const,
});
const OutcomeRowRef = builder.objectRef<OutcomeRow>('BudgetOutcomeRow').implement({
  description: 'A budget line (or a category’s lines together) beside what was recorded against it.',
  fields: (t) => ({
    category: t.string({ description: 'The budget’s kostnadsslag (BudgetCostCategory).', resolve: (r) => r.category }),
    intervention: t.field({
      type: InterventionRef,
      nullable: true,
      description: 'The insats the line names; null for the förbund’s own lines.',
      resolve: (r) => (r.interventionId ? intervention(r.interventionId) : null),
    }),
    descriptions: t.stringList({ description: 'The budget lines’ descriptions.', resolve: (r) => r.descriptions }),
    budgeted: t.field({ type: 'Kronor', description: 'Budgeterat, kronor.', resolve: (r) => r.budgeted }),
    recorded: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Utfall recorded so far; null while nothing is recorded (see `state`), never 0 for unknown.',
      resolve: (r) => r.recorded,
    }),
    state: t.field({ type: OutcomeStateEnum, description: 'RECORDED or NOT_RECORDED.', resolve: (r) => r.state }),
  }),
});

const CeilingRef = builder
  .objectRef<{ setting: EquityCeilingSetting & { own: boolean }; income: bigint; equity: bigint | null }>(
    'EquityCeiling',
  )
  .implement({
    description:
      'Tak för eget kapital: the share of the year’s contributions (or a fixed amount for a small förbund) ' +
      'eget kapital should not exceed. The förbund’s own setting, or the default (20 %, no fixed amount).',
    fields: (t) => ({
      basisPoints: t.int({
        description: 'Share of the contributions, basis points.',
        resolve: (c) => c.setting.basisPoints,
      }),
      minimumAmount: t.field({
        type: 'Kronor',
        description: 'Fixed amount that is the ceiling when the share comes out lower.',
        resolve: (c) => c.setting.minimumAmount,
      }),
      isDefault: t.boolean({
        description: 'The default applies (no setting of the förbund’s own).',
        resolve: (c) => !c.setting.own,
      }),
      ceiling: t.field({
        type: 'Kronor',
        description: 'The ceiling for the year, kronor.',
        resolve: (c) => equityCeiling(c.setting, c.income),
      }),
      exceeded: t.boolean({
        nullable: true,
        description: 'Eget kapital at year end is above the ceiling; null without a budget.',
        resolve: (c) => (c.equity === null ? null : overCeiling(c.equity, equityCeiling(c.setting, c.income))),
      }),
    }),
  });

const SharedPostYearRef = builder.objectRef<{ post: SharedPost; money: Usage }>('SharedPostYear').implement({
  description: 'A shared post’s row in the budget table.',
  fields: (t) => ({
    sharedPost: t.field({ type: SharedPostRef, description: 'The post.', resolve: (r) => r.post }),
    money: t.field({
      type: SharedPostMoneyRef,
      description: 'Tilldelat, förbrukat, differens.',
      resolve: (r) => r.money,
    }),
  }),
});

export const StatementRef = builder.objectRef<Statement>('FinancialStatement').implement({
  description:
    'Utfall for a förbund and year, computed from what happened: income from the budget’s contributions; ' +
    'costs = the förbund’s own costs as recorded + what the insatser and shared posts used (approved and ' +
    'paid requisitions). Budget lines with nothing recorded are NOT_RECORDED in `budgetOutcome`, never 0. ' +
    'Figures that need the budget are null without one.',
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'The calendar year.' }),
    budget: t.field({
      type: BudgetRef,
      nullable: true,
      description: "The year's budget; null when none is decided.",
      resolve: (s) => s.budget(),
    }),
    income: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Intäkter (the members’ contributions), kronor; the förbund’s allotted funds for the year.',
      resolve: (s) => withBudget(s, budgetIncome),
    }),
    fixedCosts: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Fasta kostnader as budgeted (what was recorded: `ownCosts`, `budgetOutcome`).',
      resolve: (s) => withBudget(s, fixedCosts),
    }),
    otherCosts: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Rörliga kostnader that name no insats, as budgeted (recorded: `budgetOutcome`).',
      resolve: (s) => withBudget(s, otherCosts),
    }),
    ownCosts: t.field({
      type: 'Kronor',
      description: 'The förbund’s own costs recorded in the year (kansli, arvoden, …), kronor.',
      resolve: async (s) => ownCostsTotal(await s.ownCosts()),
    }),
    interventionCosts: t.field({
      type: 'Kronor',
      description: 'What the insatser used, kronor.',
      resolve: async (s) => totalUsed(await s.interventions()),
    }),
    sharedPostCosts: t.field({
      type: 'Kronor',
      description: 'What the shared posts used, kronor.',
      resolve: async (s) => totalUsed((await s.sharedPosts()).map((p) => p.money)),
    }),
    costs: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Kostnader recorded: own costs + insatser + shared posts, kronor.',
      resolve: (s) => withAll(s, statementCosts),
    }),
    result: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Resultat = intäkter − recorded kostnader.',
      resolve: (s) => withAll(s, statementResult),
    }),
    openingEquity: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Eget kapital at the start of the year.',
      resolve: (s) => withBudget(s, (b) => b.openingEquity),
    }),
    closingEquity: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Eget kapital at year end = opening + resultat, from what is recorded.',
      resolve: closing,
    }),
    budgetOutcome: t.field({
      type: [OutcomeRowRef],
      description: 'Each budget line (own lines by category) beside what was recorded: RECORDED or NOT_RECORDED.',
      resolve: outcome,
    }),
    unrecordedBudgeted: t.field({
      type: 'Kronor',
      description: 'Budgeted on lines with nothing recorded yet, kronor.',
      resolve: async (s) => unrecordedBudgeted(await outcome(s)),
    }),
    complete: t.boolean({
      description: 'Every budget line has costs recorded; while false, the result is not the year’s final one.',
      resolve: async (s) => !!(await s.budget()) && (await outcome(s)).every((r) => r.state === 'RECORDED'),
    }),
    closingEquityIfBudgetHolds: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'Eget kapital at year end if each NOT_RECORDED line costs what was budgeted; null without a budget.',
      resolve: async (s) => {
        const c = await closing(s);
        return c === null ? null : closingEquityIfBudgetHolds(c, await outcome(s));
      },
    }),
    equityCeiling: t.field({
      type: CeilingRef,
      description: 'Tak för eget kapital and whether eget kapital at year end is above it.',
      resolve: (s) => ceilingOf(s),
    }),
    interventions: t.field({
      type: [BudgetUsageRef],
      description: 'Per insats: tilldelat, förbrukat, differens (the Årsrapport’s budget table; shared posts apart).',
      resolve: (s) => s.interventions(),
    }),
    sharedPosts: t.field({
      type: [SharedPostYearRef],
      description: 'Per shared post (gemensam tjänst, e.g. Kurator Region): its row of the budget table.',
      resolve: (s) => s.sharedPosts(),
    }),
    allocated: t.field({
      type: 'Kronor',
      description: 'Tilldelat, insatser and shared posts.',
      resolve: async (s) => totalAllocated(await allMoney(s)),
    }),
    used: t.field({
      type: 'Kronor',
      description: 'Förbrukat, insatser and shared posts.',
      resolve: async (s) => totalUsed(await allMoney(s)),
    }),
    differens: t.field({
      type: 'Kronor',
      description: 'Tilldelat − förbrukat, insatser and shared posts.',
      resolve: async (s) => totalDifferens(await allMoney(s)),
    }),
  }),
});

builder.objectFields(ForbundRef, (t) => ({
  financialStatement: t.field({
    type: StatementRef,
    description: "The förbund's result and eget kapital for a year, and its insatser's money.",
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: (forbund, { year }, ctx) => statementFor(ctx, forbund.id, year),
  }),
}));

builder.queryFields((t) => ({
  financialStatement: t.field({
    type: StatementRef,
    description: "Your förbund's result and eget kapital for a year, and its insatser's money.",
    authScopes: { reportReader: true },
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    resolve: (_root, { year }, ctx) => statementFor(ctx, tenantOf(ctx), year),
  }),
}));

builder.mutationFields((t) => ({
  setEquityCeiling: t.field({
    type: CeilingRef,
    description:
      'Sets the förbund’s tak för eget kapital: a share of the year’s contributions and a fixed amount for a small ' +
      'förbund (the higher applies). Förbund administrators only.',
    authScopes: { tenantAdmin: true },
    args: {
      basisPoints: t.arg.int({ required: true, description: 'Share of the contributions, 0–10 000 basis points.' }),
      minimumAmount: t.arg({ type: 'Kronor', required: true, description: 'Fixed amount, whole kronor (0 for none).' }),
      year: t.arg.int({ required: true, description: 'The year whose contributions and eget kapital to compare.' }),
    },
    errors: {},
    resolve: async (_root, args, ctx) => {
      const data = parseInput(equityCeilingInput, args, []);
      const tenantId = tenantOf(ctx);
      await ctx.em.transactional((tx) =>
        tx.upsert(
          FinanceSetting,
          {
            id: randomUUID(),
            tenantId,
            equityCeilingBasisPoints: data.basisPoints,
            equityCeilingMinimum: BigInt(data.minimumAmount),
            updatedAt: new Date(),
          },
          { onConflictFields: ['tenantId'], onConflictExcludeFields: ['id'] },
        ),
      );
      ctx.em.clear();
      return ceilingOf(statementFor(ctx, tenantId, data.year));
    },
  }),
}));
