import { periodBounds, reportPeriodEnum, visibleForbundYear, type ForbundYearKey } from '@finsam/kit/report-period.js';
import { builder } from './builder.js';
import { RESULT_READERS, SurveyRoundRef } from './SurveyRound.js';
import { SurveyRound } from '../entities/SurveyRound.js';

/** A förbund's year (owned by no one subgraph); indicators adds the year's survey rounds. */
const Period = reportPeriodEnum(builder);

export const ForbundYearRef = builder.objectRef<ForbundYearKey>('ForbundYear').implement({
  fields: (t) => ({
    forbundId: t.exposeID('forbundId'),
    year: t.exposeInt('year'),
    surveyRounds: t.field({
      type: [SurveyRoundRef],
      description: 'Indikatorer: the rounds whose period ends in the year (e.g. 2020-11 – 2021-10 for 2021), with their results.',
      authScopes: { role: [...RESULT_READERS] },
      args: { period: t.arg({ type: Period, defaultValue: 'YEAR', required: true }) },
      resolve: (k, { period }, ctx) => {
        const { from, to } = periodBounds(k.year, period);
        return ctx.em.find(SurveyRound, { tenantId: k.forbundId, periodTo: { $gte: from, $lte: to } }, { orderBy: { periodTo: 'asc', id: 'asc' } });
      },
    }),
  }),
});

builder.asEntity(ForbundYearRef, {
  key: builder.selection<ForbundYearKey>('forbundId year'),
  resolveReference: (key, ctx) => visibleForbundYear(ctx.identity, key),
});
