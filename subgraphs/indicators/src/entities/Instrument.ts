import { defineEntity, p } from '@mikro-orm/core';
import { RESPONDENT_GROUPS } from '../domain/instrument.js';
import { InstrumentItem } from './InstrumentItem.js';

export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

/** The answer scale of one questionnaire version; `positive` lists the values that count as positive. */
export interface Scale {
  min: number;
  max: number;
  /** One label per value, min first. */
  labels: string[];
  positive: number[];
}

/**
 * One version of a national questionnaire (Indikatorer för finansiell samordning) for one
 * respondent group. National, not tenant-owned: no tenant_id, no tenant filter; written by
 * platform administrators only, read by every signed-in user. Once published, neither it nor its
 * items change (checked in the API and by a trigger): a new version replaces it.
 */
const InstrumentSchema = defineEntity({
  name: 'Instrument',
  tableName: 'instrument',
  properties: {
    id: p.uuid().primary(),
    respondentGroup: p.enum(RESPONDENT_GROUPS),
    version: p.integer(),
    name: p.string(),
    description: p.string(),
    scale: p.json<Scale>(),
    publishedAt: p.datetime().nullable(),
    items: () => p.oneToMany(InstrumentItem).mappedBy('instrument').orderBy({ position: 'asc' }),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Instrument extends InstrumentSchema.class {}
InstrumentSchema.setClass(Instrument);

export { RESPONDENT_GROUPS };
