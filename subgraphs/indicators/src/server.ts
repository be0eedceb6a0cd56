import { defineSubgraph } from '@finsam/kit/server.js';
import { builder } from './schema/builder.js';
import './schema/Intervention.js';
import './schema/Instrument.js';
import './schema/SurveyRound.js';
import './schema/SurveyResult.js';
import './schema/Answer.js';
import './schema/ForbundYear.js';
import './schema/Comparison.js';
import './schema/Merger.js';
import { seedIndicators } from './demo/seed.js';
import { Instrument } from './entities/Instrument.js';
import { InstrumentItem } from './entities/InstrumentItem.js';
import { ResponseCode } from './entities/ResponseCode.js';
import { SurveyRound } from './entities/SurveyRound.js';
import { migrations } from './migrations/list.js';

export const { name, database, seed, buildSchema, createServer } = defineSubgraph({
  name: 'indicators',
  builder,
  database: { entities: [Instrument, InstrumentItem, SurveyRound, ResponseCode], migrations },
  seed: seedIndicators,
});
