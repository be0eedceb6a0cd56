import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Forbund.js';
import './schema/Me.js';
import { Forbund } from './entities/Forbund.js';
import { Member } from './entities/Member.js';
import { migrations } from './migrations/list.js';

export const name = 'governance';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = { entities: [Forbund, Member], migrations };

let schema: GraphQLSchema | undefined;
export function buildSchema(): GraphQLSchema {
  schema ??= builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
  return schema;
}

export function createServer(options: SubgraphRuntime) {
  return createSubgraphServer({ name, schema: buildSchema(), ...options });
}
