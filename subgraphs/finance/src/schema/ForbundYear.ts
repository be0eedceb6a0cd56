/**
 * Finance's part of a förbund's year: the financial statement (tilldelat, förbrukat, differens per
 * insats; resultat and eget kapital). Money reveals no person, so the county reads it too.
 */
import { forbundYearEntity, REPORT_PERIODS } from '@finsam/kit/forbund-year.js';
import { periodsIn } from '../domain/requisitions.js';
import { builder } from './builder.js';
import { StatementRef, statementFor } from './FinancialStatement.js';

const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  finance: t.field({
    type: StatementRef,
    description:
      'Ekonomi: the year’s statement, computed from budgets, allocations and requisitions. HALF_YEAR counts ' +
      'the requisitions of January–June (periods 1–3) against the year’s allocations.',
    authScopes: { figureReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (Årsrapport) or January–June (halvårsrapport).',
      }),
    },
    resolve: (k, { period }, ctx) => statementFor(ctx, k.forbundId, k.year, periodsIn(REPORT_PERIODS[period])),
  }),
}));
