/**
 * An insats' own budget (insatsbudget, as an insatsplan or ansökan gives it): income by source and
 * cost lines by category, with staff lent by members at 0 kr and their value noted beside.
 */
import { randomUUID } from 'node:crypto';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { ownMembers, unknownInterventionIssues } from '@finsam/kit/directory.js';
import { ValidationError } from '@finsam/kit/errors.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { parseInput } from '@finsam/kit/validation.js';
import {
  INCOME_SOURCES,
  INSATS_COST_CATEGORIES,
  type IncomeSource,
  type InsatsBudgetFigures,
  type InsatsCostCategory,
  insatsBalance,
  insatsBudgetInput,
  insatsBudgetIssues,
  insatsCosts,
  insatsIncome,
  lentValueNoted,
} from '../domain/insats-budget.js';
import { InsatsBudget } from '../entities/InsatsBudget.js';
import { InsatsBudgetLine } from '../entities/InsatsBudgetLine.js';
import { builder } from './builder.js';
import { InterventionRef, intervention } from './Intervention.js';
import { MemberRef } from './Member.js';

const SOURCE_NAMES: Record<IncomeSource, string> = {
  FORBUND: 'Finansiering från samordningsförbundet: the förbund’s money.',
  CO_FINANCING: 'Medfinansiering: another insats or body pays a share (e.g. Kraften in the Säter insatsplan).',
  MEMBER: 'A member pays the insats directly.',
};
const CATEGORY_NAMES: Record<InsatsCostCategory, string> = {
  PERSONNEL: 'Personal: staff, including staff lent by members at 0 kr.',
  PREMISES: 'Lokaler.',
  OTHER: 'Övriga kostnader: handledning, material, IT, resor, aktiviteter, …',
};
const IncomeSourceEnum = builder.enumType('InsatsIncomeSource', {
  description: 'Where an insats budget’s income comes from.',
  values: Object.fromEntries(INCOME_SOURCES.map((s) => [s, { description: SOURCE_NAMES[s] }])) as Record<
    IncomeSource,
    { description: string }
  >,
});
const InsatsCostCategoryEnum = builder.enumType('InsatsCostCategory', {
  description: 'Kostnadsslag of an insats budget’s cost line.',
  values: Object.fromEntries(INSATS_COST_CATEGORIES.map((c) => [c, { description: CATEGORY_NAMES[c] }])) as Record<
    InsatsCostCategory,
    { description: string }
  >,
});

const lines = (b: InsatsBudget, side: 'INCOME' | 'COST') => b.lines.getItems().filter((l) => l.side === side);
const figures = (b: InsatsBudget): InsatsBudgetFigures => ({
  income: lines(b, 'INCOME').map((l) => ({ source: l.category as IncomeSource, amount: l.amount })),
  costs: lines(b, 'COST').map((l) => ({
    category: l.category as InsatsCostCategory,
    amount: l.amount,
    notedValue: l.notedValue,
  })),
});

const IncomeLineRef = builder.objectRef<InsatsBudgetLine>('InsatsBudgetIncome').implement({
  description: 'Intäkt: one income line of an insats budget.',
  fields: (t) => ({
    source: t.field({
      type: IncomeSourceEnum,
      description: 'Where it comes from.',
      resolve: (l) => l.category as IncomeSource,
    }),
    description: t.exposeString('description', { description: 'As the budget names it.' }),
    amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (l) => l.amount }),
  }),
});
const CostLineRef = builder.objectRef<InsatsBudgetLine>('InsatsBudgetCost').implement({
  description: 'Kostnad: one cost line of an insats budget.',
  fields: (t) => ({
    category: t.field({
      type: InsatsCostCategoryEnum,
      description: 'Kostnadsslag.',
      resolve: (l) => l.category as InsatsCostCategory,
    }),
    description: t.exposeString('description', { description: 'As the budget names it.' }),
    amount: t.field({ type: 'Kronor', description: 'Kronor; 0 for staff lent by a member.', resolve: (l) => l.amount }),
    lentBy: t.field({
      type: MemberRef,
      nullable: true,
      description: 'The member lending the staff at no cost to the insats; null when the insats pays.',
      resolve: (l) => (l.lentByMemberId ? { id: l.lentByMemberId } : null),
    }),
    notedValue: t.field({
      type: 'Kronor',
      nullable: true,
      description: 'What lent staff is worth, noted beside the budget (never in a total); null when not noted.',
      resolve: (l) => l.notedValue ?? null,
    }),
  }),
});
const CostTotalRef = builder
  .objectRef<{ category: InsatsCostCategory; amount: bigint }>('InsatsBudgetCostTotal')
  .implement({
    description: 'The costs of one kostnadsslag together.',
    fields: (t) => ({
      category: t.field({ type: InsatsCostCategoryEnum, description: 'Kostnadsslag.', resolve: (c) => c.category }),
      amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (c) => c.amount }),
    }),
  });
const IncomeTotalRef = builder
  .objectRef<{ source: IncomeSource; amount: bigint }>('InsatsBudgetIncomeTotal')
  .implement({
    description: 'The income from one source together.',
    fields: (t) => ({
      source: t.field({ type: IncomeSourceEnum, description: 'Where it comes from.', resolve: (c) => c.source }),
      amount: t.field({ type: 'Kronor', description: 'Kronor.', resolve: (c) => c.amount }),
    }),
  });

const InsatsBudgetRef = builder.objectRef<InsatsBudget>('InsatsBudget').implement({
  description: "An insats' own budget for a year (insatsbudget): income by source and costs by category.",
  fields: (t) => ({
    id: t.exposeID('id', { description: "The budget's id; it stays when the year's budget is replaced." }),
    intervention: t.field({
      type: InterventionRef,
      description: 'The insats.',
      resolve: (b) => intervention(b.interventionId),
    }),
    year: t.exposeInt('year', { description: 'The calendar year the budget covers.' }),
    note: t.string({
      nullable: true,
      description: 'A note, e.g. the months it covers.',
      resolve: (b) => b.note ?? null,
    }),
    income: t.field({ type: [IncomeLineRef], description: 'Intäkter, in order.', resolve: (b) => lines(b, 'INCOME') }),
    costs: t.field({ type: [CostLineRef], description: 'Kostnader, in order.', resolve: (b) => lines(b, 'COST') }),
    incomeBySource: t.field({
      type: [IncomeTotalRef],
      description: 'Intäkter per source that has any line.',
      resolve: (b) =>
        INCOME_SOURCES.filter((s) => lines(b, 'INCOME').some((l) => l.category === s)).map((source) => ({
          source,
          amount: insatsIncome(figures(b), source),
        })),
    }),
    costsByCategory: t.field({
      type: [CostTotalRef],
      description: 'Kostnader per kostnadsslag that has any line.',
      resolve: (b) =>
        INSATS_COST_CATEGORIES.filter((c) => lines(b, 'COST').some((l) => l.category === c)).map((category) => ({
          category,
          amount: insatsCosts(figures(b), category),
        })),
    }),
    totalIncome: t.field({ type: 'Kronor', description: 'Totalt intäkter.', resolve: (b) => insatsIncome(figures(b)) }),
    totalCosts: t.field({ type: 'Kronor', description: 'Totalt kostnader.', resolve: (b) => insatsCosts(figures(b)) }),
    balance: t.field({
      type: 'Kronor',
      description: 'Intäkter − kostnader; 0 when the budget balances.',
      resolve: (b) => insatsBalance(figures(b)),
    }),
    lentValueNoted: t.field({
      type: 'Kronor',
      description: 'The noted value of staff lent by members, together (outside the totals).',
      resolve: (b) => lentValueNoted(figures(b)),
    }),
  }),
});

const WITH_LINES = { populate: ['lines'], orderBy: { lines: { position: 'asc' } } } as const;

function findInsatsBudget(ctx: SubgraphContext, interventionId: string, year: number) {
  return ctx.em.findOne(InsatsBudget, { interventionId, year }, WITH_LINES);
}

builder.objectFields(InterventionRef, (t) => ({
  insatsBudget: t.loadable({
    type: InsatsBudgetRef,
    nullable: true,
    description:
      "The insats' own budget for the year; null when none is recorded. Read by the förbund's administrators " +
      "and board, and by the insats' own staff.",
    authScopes: (i) => ({ reportReader: true, insatsStaff: i.id }),
    byPath: true,
    args: { year: t.arg.int({ required: true, description: 'The calendar year.' }) },
    load: async (keys, ctx, { year }) => {
      const ids = keys as string[];
      const found = await ctx.em.find(InsatsBudget, { interventionId: { $in: ids }, year }, WITH_LINES);
      return ids.map((id) => found.find((b) => b.interventionId === id) ?? null);
    },
    resolve: (i) => i.id,
  }),
}));

const IncomeInput = builder.inputType('InsatsBudgetIncomeInput', {
  description: 'One income line of an insats budget.',
  fields: (t) => ({
    source: t.field({ type: IncomeSourceEnum, required: true, description: 'Where it comes from.' }),
    description: t.string({ required: true, description: 'As the budget names it, 2–200 characters.' }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor.' }),
  }),
});
const CostInput = builder.inputType('InsatsBudgetCostInput', {
  description: 'One cost line of an insats budget.',
  fields: (t) => ({
    category: t.field({ type: InsatsCostCategoryEnum, required: true, description: 'Kostnadsslag.' }),
    description: t.string({ required: true, description: 'As the budget names it, 2–200 characters.' }),
    amount: t.field({ type: 'Kronor', required: true, description: 'Whole kronor; 0 for staff lent by a member.' }),
    lentByMemberId: t.id({ description: 'For staff lent at no cost: the lending member of your förbund.' }),
    notedValue: t.field({
      type: 'Kronor',
      description: 'For lent staff only: what the staff is worth, noted beside the budget.',
    }),
  }),
});
const SetInsatsBudgetInput = builder.inputType('SetInsatsBudgetInput', {
  description: "An insats' own budget for a year; it replaces the year's earlier one whole.",
  fields: (t) => ({
    interventionId: t.id({ required: true, description: 'An insats of your förbund.' }),
    year: t.int({ required: true, description: 'The calendar year (2004 or later).' }),
    note: t.string({ description: 'A note, e.g. the months it covers (at most 2000 characters).' }),
    income: t.field({ type: [IncomeInput], required: true, description: 'Intäkter, at least one line.' }),
    costs: t.field({ type: [CostInput], required: true, description: 'Kostnader, at least one line.' }),
  }),
});

builder.mutationFields((t) => ({
  setInsatsBudget: t.field({
    type: InsatsBudgetRef,
    description: "Records an insats' own budget for a year, replacing an earlier version. Förbund administrators only.",
    authScopes: { tenantAdmin: true },
    args: { input: t.arg({ type: SetInsatsBudgetInput, required: true, description: 'The whole budget.' }) },
    errors: {},
    resolve: async (_root, { input }, ctx) => {
      const data = parseInput(insatsBudgetInput, {
        ...input,
        interventionId: String(input.interventionId),
        costs: input.costs.map((c) => ({
          ...c,
          lentByMemberId: c.lentByMemberId == null ? null : String(c.lentByMemberId),
        })),
      });
      const [members, unknown] = await Promise.all([
        ownMembers(ctx),
        unknownInterventionIssues(ctx, [{ id: data.interventionId, path: ['input', 'interventionId'] }]),
      ]);
      const issues = [...unknown, ...insatsBudgetIssues(data, new Set(members.map((m) => m.id)))];
      if (issues.length) {
        throw new ValidationError(issues);
      }
      const tenantId = tenantOf(ctx);
      await ctx.em.transactional(async (tx) => {
        // Upsert holds the row lock until commit: a concurrent replacement waits, then replaces the lines whole.
        const budget = await tx.upsert(
          InsatsBudget,
          {
            id: randomUUID(),
            tenantId,
            interventionId: data.interventionId,
            year: data.year,
            note: data.note ?? null,
            updatedAt: new Date(),
          },
          { onConflictFields: ['tenantId', 'interventionId', 'year'], onConflictExcludeFields: ['id'] },
        );
        await tx.nativeDelete(InsatsBudgetLine, { budget });
        const rows = [
          ...data.income.map((l) => ({ side: 'INCOME' as const, category: l.source, ...l, lent: null, noted: null })),
          ...data.costs.map((l) => ({
            side: 'COST' as const,
            ...l,
            lent: l.lentByMemberId ?? null,
            noted: l.notedValue ?? null,
          })),
        ];
        rows.forEach((l, position) =>
          tx.create(InsatsBudgetLine, {
            id: randomUUID(),
            tenantId,
            budget,
            side: l.side,
            category: l.category,
            description: l.description,
            amount: BigInt(l.amount),
            lentByMemberId: l.lent,
            notedValue: l.noted == null ? null : BigInt(l.noted),
            position,
          }),
        );
      });
      ctx.em.clear();
      return (await findInsatsBudget(ctx, data.interventionId, data.year))!;
    },
  }),
}));
