import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Forbund } from './Migration20261122000000Forbund.js';
import { Migration20261122200000Governance } from './Migration20261122200000Governance.js';
import { Migration20261122210000PlanGoals } from './Migration20261122210000PlanGoals.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000000Forbund', class: Migration20261122000000Forbund },
  { name: 'Migration20261122200000Governance', class: Migration20261122200000Governance },
  { name: 'Migration20261122210000PlanGoals', class: Migration20261122210000PlanGoals },
  ...tenantPolicyMigrations,
];
