import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Intervention.js';
import './schema/Instrument.js';
import './schema/SurveyRound.js';
import './schema/SurveyResult.js';
import './schema/Answer.js';
import './schema/ForbundYear.js';
import { Instrument } from './entities/Instrument.js';
import { InstrumentItem } from './entities/InstrumentItem.js';
import { SurveyRound } from './entities/SurveyRound.js';
import { ResponseCode } from './entities/ResponseCode.js';
import { migrations } from './migrations/list.js';

export const name = 'indicators';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = { entities: [Instrument, InstrumentItem, SurveyRound, ResponseCode], migrations };

let schema: GraphQLSchema | undefined;
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}

export function createServer(options: SubgraphRuntime) {
  return createSubgraphServer({ name, schema: buildSchema(), ...options });
}
