import { defineEntity, p } from '@mikro-orm/core';
import { Instrument } from './Instrument.js';

/** One fixed statement of a questionnaire version and the indicator (1–16) it measures. */
const InstrumentItemSchema = defineEntity({
  name: 'InstrumentItem',
  tableName: 'instrument_item',
  properties: {
    id: p.uuid().primary(),
    instrument: () => p.manyToOne(Instrument).ref(),
    /** 1-based; an answer's values are stored in this order. */
    position: p.integer(),
    text: p.string(),
    indicator: p.integer(),
    required: p.boolean(),
  },
});

export class InstrumentItem extends InstrumentItemSchema.class {}
InstrumentItemSchema.setClass(InstrumentItem);
