import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Forbund } from './Migration20261122000000Forbund.js';
import { Migration20261122200000Governance } from './Migration20261122200000Governance.js';
import { Migration20261122210000PlanGoals } from './Migration20261122210000PlanGoals.js';
import { Migration20261210000000Directory } from './Migration20261210000000Directory.js';
import { Migration20261215000000AuditChain } from './Migration20261215000000AuditChain.js';
import { Migration20270102000100PlanGoalOutcome } from './Migration20270102000100PlanGoalOutcome.js';
import { Migration20270107000000UniqueOrganisationNumber } from './Migration20270107000000UniqueOrganisationNumber.js';
import { Migration20270107010000ForbundMerger } from './Migration20270107010000ForbundMerger.js';
import { Migration20270115000000AccessChanges } from './Migration20270115000000AccessChanges.js';
import { Migration20270120000000BodyTenant } from './Migration20270120000000BodyTenant.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000000Forbund', class: Migration20261122000000Forbund },
  { name: 'Migration20261122200000Governance', class: Migration20261122200000Governance },
  { name: 'Migration20261122210000PlanGoals', class: Migration20261122210000PlanGoals },
  ...tenantPolicyMigrations,
  // After the policy migrations: its tables get the policies in their current form from the start.
  { name: 'Migration20261210000000Directory', class: Migration20261210000000Directory },
  { name: 'Migration20261215000000AuditChain', class: Migration20261215000000AuditChain },
  { name: 'Migration20270102000100PlanGoalOutcome', class: Migration20270102000100PlanGoalOutcome },
  {
    name: 'Migration20270107000000UniqueOrganisationNumber',
    class: Migration20270107000000UniqueOrganisationNumber,
  },
  { name: 'Migration20270107010000ForbundMerger', class: Migration20270107010000ForbundMerger },
  { name: 'Migration20270115000000AccessChanges', class: Migration20270115000000AccessChanges },
  { name: 'Migration20270120000000BodyTenant', class: Migration20270120000000BodyTenant },
];
