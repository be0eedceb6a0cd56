import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Intervention.js';
import './schema/Audit.js';
import './schema/Participation.js';
import './schema/Deadline.js';
import './schema/Statistics.js';
import './schema/ActionPlan.js';
import './schema/Screening.js';
import './schema/ForbundYear.js';
import './schema/CountyReport.js';
import { Person } from './entities/Person.js';
import { Participation } from './entities/Participation.js';
import { FollowUp } from './entities/FollowUp.js';
import { AuditEntry } from './entities/AuditEntry.js';
import { Screening } from './entities/Screening.js';
import { migrations } from './migrations/list.js';

export const name = 'participants';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = { entities: [Person, Participation, FollowUp, AuditEntry, Screening], migrations };

let schema: GraphQLSchema | undefined;
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}

export function createServer(options: SubgraphRuntime) {
  return createSubgraphServer({ name, schema: buildSchema(), ...options });
}
