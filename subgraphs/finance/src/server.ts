import type { GraphQLSchema } from 'graphql';
import { createSubgraphServer, type SubgraphRuntime } from '@finsam/kit/server.js';
import type { OrmOptions } from '@finsam/kit/database.js';
import { builder } from './schema/builder.js';
import './schema/Member.js';
import './schema/Intervention.js';
import './schema/Forbund.js';
import './schema/Allocation.js';
import './schema/Requisition.js';
import './schema/BudgetUsage.js';
import './schema/Budget.js';
import './schema/FinancialStatement.js';
import './schema/ForbundYear.js';
import { Budget } from './entities/Budget.js';
import { BudgetContribution } from './entities/BudgetContribution.js';
import { BudgetCostLine } from './entities/BudgetCostLine.js';
import { Allocation } from './entities/Allocation.js';
import { Requisition } from './entities/Requisition.js';
import { RequisitionLine } from './entities/RequisitionLine.js';
import { migrations } from './migrations/list.js';

export const name = 'finance';

/** What the database setup needs to know about this subgraph. */
export const database: Pick<OrmOptions, 'entities' | 'migrations'> = {
  entities: [Budget, BudgetContribution, BudgetCostLine, Allocation, Requisition, RequisitionLine],
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
