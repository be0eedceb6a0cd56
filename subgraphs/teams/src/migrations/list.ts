import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122100000Interventions } from './Migration20261122100000Interventions.js';
import { Migration20270102000000ReferralDecidedBy } from './Migration20270102000000ReferralDecidedBy.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122100000Interventions', class: Migration20261122100000Interventions },
  ...tenantPolicyMigrations,
  { name: 'Migration20270102000000ReferralDecidedBy', class: Migration20270102000000ReferralDecidedBy },
];
