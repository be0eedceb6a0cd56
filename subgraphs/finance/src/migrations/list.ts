import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122200000Finance } from './Migration20261122200000Finance.js';
import { Migration20270104000000FinanceFidelity } from './Migration20270104000000FinanceFidelity.js';
import { Migration20270106000000RequisitionCorrections } from './Migration20270106000000RequisitionCorrections.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122200000Finance', class: Migration20261122200000Finance },
  ...tenantPolicyMigrations,
  { name: 'Migration20270104000000FinanceFidelity', class: Migration20270104000000FinanceFidelity },
  { name: 'Migration20270106000000RequisitionCorrections', class: Migration20270106000000RequisitionCorrections },
];
