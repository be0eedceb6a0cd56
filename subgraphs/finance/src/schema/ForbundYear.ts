/**
 * Finance's part of a förbund's year: the financial statement (tilldelat, förbrukat, differens per
 * insats; resultat and eget kapital). Money reveals no person, so the county reads it too.
 */
import { visibleForbundYear, REPORT_READERS, type ForbundYearKey } from '@finsam/kit/report-period.js';
import { builder } from './builder.js';
import { StatementRef, statementFor } from './FinancialStatement.js';

export const ForbundYearRef = builder.objectRef<ForbundYearKey>('ForbundYear').implement({
  fields: (t) => ({
    forbundId: t.exposeID('forbundId'),
    year: t.exposeInt('year'),
    finance: t.field({
      type: StatementRef,
      description: 'Ekonomi: the year’s statement, computed from budgets, allocations and requisitions.',
      authScopes: { role: [...REPORT_READERS, 'county_analyst', 'platform_admin'] },
      resolve: (k, _a, ctx) => statementFor(ctx, k.forbundId, k.year),
    }),
  }),
});

builder.asEntity(ForbundYearRef, {
  key: builder.selection<ForbundYearKey>('forbundId year'),
  resolveReference: (key, ctx) => visibleForbundYear(ctx.identity, key),
});
