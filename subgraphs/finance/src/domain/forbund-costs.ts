/**
 * The förbund's own costs (kansli, löner och arvoden, strukturella insatser it pays itself, other)
 * as they occur: each recorded with the day it was booked. An insats' costs are not recorded here;
 * they come from its requisitions.
 */
import { z } from 'zod';
import type { CostLineCategory } from '../entities/BudgetCostLine.js';
import { amountSchema } from './money.js';
import { YEAR } from './year.js';

/** Every budget category except an individinsats, whose costs its requisitions bring. */
export const OWN_COST_CATEGORIES = ['KANSLI', 'SALARIES_AND_FEES', 'STRUCTURAL_INTERVENTION', 'OTHER'] as const;
export type OwnCostCategory = (typeof OWN_COST_CATEGORIES)[number] & CostLineCategory;

/** The year a booked cost belongs to. */
export const costYear = (bookedOn: string) => Number(bookedOn.slice(0, 4));

export const forbundCostInput = z.object({
  /** A `Date` argument: the scalar has checked it is YYYY-MM-DD. */
  bookedOn: z.string().refine((d) => YEAR.safeParse(costYear(d)).success, 'FINSAM began in 2004'),
  category: z.enum(OWN_COST_CATEGORIES),
  description: z.string().trim().min(2, 'Describe the cost').max(200, 'At most 200 characters'),
  amount: amountSchema.positive('A recorded cost is more than 0 kr'),
});
export type ForbundCostInput = z.infer<typeof forbundCostInput>;
