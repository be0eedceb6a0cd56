import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Intervention.js';
import './schema/StaffPosition.js';
import './schema/LocalGoal.js';
import './schema/StructuralEvent.js';
import './schema/Forbund.js';
import './schema/ForbundYear.js';
import { Intervention } from './entities/Intervention.js';
import { StaffPosition } from './entities/StaffPosition.js';
import { LocalGoal } from './entities/LocalGoal.js';
import { StructuralEvent } from './entities/StructuralEvent.js';
import { migrations } from './migrations/list.js';

export const name = 'teams';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = { entities: [Intervention, StaffPosition, LocalGoal, StructuralEvent], migrations };

let schema: GraphQLSchema | undefined;
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}

export function createServer(options: SubgraphRuntime) {
  return createSubgraphServer({ name, schema: buildSchema(), ...options });
}
