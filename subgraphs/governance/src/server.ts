import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Forbund.js';
import './schema/Me.js';
import './schema/Intervention.js';
import './schema/Body.js';
import './schema/Meeting.js';
import './schema/Decision.js';
import './schema/Avvikelse.js';
import './schema/Calendar.js';
import './schema/PlanGoal.js';
import './schema/ForbundYear.js';
import { Forbund } from './entities/Forbund.js';
import { Member } from './entities/Member.js';
import { Body } from './entities/Body.js';
import { BodyMember } from './entities/BodyMember.js';
import { Meeting } from './entities/Meeting.js';
import { MinutesCorrection } from './entities/MinutesCorrection.js';
import { Decision } from './entities/Decision.js';
import { Avvikelse } from './entities/Avvikelse.js';
import { PlanGoal } from './entities/PlanGoal.js';
import { migrations } from './migrations/list.js';

export const name = 'governance';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = {
  entities: [Forbund, Member, Body, BodyMember, Meeting, MinutesCorrection, Decision, Avvikelse, PlanGoal],
  migrations,
};

let schema: GraphQLSchema | undefined;
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}

export function createServer(options: SubgraphRuntime) {
  return createSubgraphServer({ name, schema: buildSchema(), ...options });
}
