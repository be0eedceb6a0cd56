import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { Instrument } from './Instrument.js';

/**
 * A förbund's survey round: one questionnaire version, a period (whole months), the insatser it
 * covers (ids; teams owns them) or none (a round of the förbund or a named body), when it takes answers, and the
 * minimum n below which results are not shown.
 */
const SurveyRoundSchema = defineEntity({
  name: 'SurveyRound',
  tableName: 'survey_round',
  properties: {
    id: p.uuid().primary(),
    ...tenantProperties,
    instrument: () => p.manyToOne(Instrument).ref(),
    /** First day of the period's first and last month. */
    periodFrom: p.date(),
    periodTo: p.date(),
    /** Empty for a round of the förbund (board, managers, referrers): see domain/survey-round.ts. */
    interventionIds: p.array(),
    /** The body a round without insatser is for (e.g. "Beredningsgruppen"); null for the förbund itself. */
    body: p.string().nullable(),
    opensAt: p.datetime(),
    closesAt: p.datetime(),
    minimumN: p.integer(),
    codesIssued: p.integer(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  filters: tenantFilters,
});

export class SurveyRound extends SurveyRoundSchema.class {}
SurveyRoundSchema.setClass(SurveyRound);
