import { tenantFilters, tenantProperties } from '@finsam/kit/tenant.js';
import { defineEntity, p } from '@mikro-orm/core';
import { SurveyRound } from './SurveyRound.js';

/**
 * An unused one-time response code: only the SHA-256 of the code (128 random bits, so an
 * unkeyed hash cannot be reversed by guessing), its round and insats. No id, no timestamp, no
 * holder. Answering deletes the row in the same transaction that stores the answer, so nothing
 * is left that ties an answer to a code.
 */
const ResponseCodeSchema = defineEntity({
  name: 'ResponseCode',
  tableName: 'response_code',
  properties: {
    codeHash: p.string().primary(),
    ...tenantProperties,
    round: () => p.manyToOne(SurveyRound).ref(),
    interventionId: p.uuid(),
  },
  filters: tenantFilters,
});

export class ResponseCode extends ResponseCodeSchema.class {}
ResponseCodeSchema.setClass(ResponseCode);
