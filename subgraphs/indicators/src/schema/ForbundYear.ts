import { forbundYearEntity, periodBounds } from '@finsam/kit/forbund-year.js';
import { SurveyRound } from '../entities/SurveyRound.js';
import { builder } from './builder.js';
import { SurveyRoundRef } from './SurveyRound.js';

/** A förbund's year (owned by no one subgraph); indicators adds the year's survey rounds. */
const { ForbundYearRef, Period } = forbundYearEntity(builder);

builder.objectFields(ForbundYearRef, (t) => ({
  surveyRounds: t.field({
    type: [SurveyRoundRef],
    description:
      'Indikatorer: the rounds whose period ends in the year (e.g. 2020-11 – 2021-10 for 2021), with their results.',
    authScopes: { reportReader: true },
    args: {
      period: t.arg({
        type: Period,
        defaultValue: 'YEAR',
        required: true,
        description: 'The whole year (default) or January–June: the rounds whose period ends then.',
      }),
    },
    resolve: (k, { period }, ctx) => {
      const { from, to } = periodBounds(k.year, period);
      return ctx.em.find(
        SurveyRound,
        { tenantId: k.forbundId, periodTo: { $gte: from, $lte: to } },
        { orderBy: { periodTo: 'asc', id: 'asc' } },
      );
    },
  }),
}));
