/**
 * An insats' own budget (DOMAIN.md, Money; seed 002, the Säter insatsplan): income by source — the
 * förbund, co-financing such as Kraften, a member paying directly — and cost lines by category
 * (personnel, premises, other). Staff lent by a member cost the insats nothing: such a line is 0 kr
 * and may note what the staff is worth (`notedValue`), which never enters a total. Totals are computed
 * on read and never stored.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import { z } from 'zod';
import { amountSchema, sum } from './money.js';
import { YEAR } from './year.js';

export const INCOME_SOURCES = ['FORBUND', 'CO_FINANCING', 'MEMBER'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];
export const INSATS_COST_CATEGORIES = ['PERSONNEL', 'PREMISES', 'OTHER'] as const;
export type InsatsCostCategory = (typeof INSATS_COST_CATEGORIES)[number];

const description = z.string().trim().min(2, 'Describe the line').max(200, 'At most 200 characters');

export const insatsBudgetInput = z.object({
  interventionId: z.uuid('Not an insats id'),
  year: YEAR,
  note: z.string().trim().max(2000, 'At most 2000 characters').nullish(),
  income: z
    .array(z.object({ source: z.enum(INCOME_SOURCES), description, amount: amountSchema }))
    .min(1, 'An insats budget has income')
    .max(50),
  costs: z
    .array(
      z.object({
        category: z.enum(INSATS_COST_CATEGORIES),
        description,
        amount: amountSchema,
        lentByMemberId: z.uuid('Not a member id').nullish(),
        notedValue: amountSchema.nullish(),
      }),
    )
    .min(1, 'An insats budget has costs')
    .max(100),
});
export type InsatsBudgetInput = z.infer<typeof insatsBudgetInput>;

/**
 * Lent staff is valued at 0 in the budget: a lent line with an amount, a noted value on a line nobody
 * lends, or a lender that is not a member of the förbund is refused at that line.
 */
export function insatsBudgetIssues(d: InsatsBudgetInput, memberIds: ReadonlySet<string>): ValidationIssue[] {
  return d.costs.flatMap((c, n): ValidationIssue[] => {
    const path = ['input', 'costs', n];
    if (c.lentByMemberId) {
      if (!memberIds.has(c.lentByMemberId)) {
        return [{ path: [...path, 'lentByMemberId'], message: `${c.lentByMemberId} is not a member of your förbund` }];
      }
      if (c.category !== 'PERSONNEL') {
        return [{ path: [...path, 'category'], message: 'Only staff (PERSONNEL) can be lent by a member' }];
      }
      return c.amount === 0
        ? []
        : [
            {
              path: [...path, 'amount'],
              message: 'Staff lent by a member costs the insats 0 kr; note its value instead',
            },
          ];
    }
    return c.notedValue == null
      ? []
      : [{ path: [...path, 'notedValue'], message: 'A value is noted only for staff lent by a member' }];
  });
}

export interface InsatsBudgetFigures {
  income: readonly { source: IncomeSource; amount: bigint }[];
  costs: readonly { category: InsatsCostCategory; amount: bigint; notedValue?: bigint | null }[];
}

export const insatsIncome = (b: InsatsBudgetFigures, source?: IncomeSource) =>
  sum(b.income.filter((l) => !source || l.source === source).map((l) => l.amount));
export const insatsCosts = (b: InsatsBudgetFigures, category?: InsatsCostCategory) =>
  sum(b.costs.filter((l) => !category || l.category === category).map((l) => l.amount));
/** Intäkter − kostnader: 0 when the budget balances, as the Säter insatsplan's does. */
export const insatsBalance = (b: InsatsBudgetFigures) => insatsIncome(b) - insatsCosts(b);
/** What lent staff is worth where a value is noted: beside the budget, never in it. */
export const lentValueNoted = (b: InsatsBudgetFigures) => sum(b.costs.map((l) => l.notedValue ?? 0n));
