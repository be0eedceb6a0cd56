import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122300000Participants } from './Migration20261122300000Participants.js';
import { Migration20261122310000Screenings } from './Migration20261122310000Screenings.js';
import { Migration20261123000000ParticipationLedger } from './Migration20261123000000ParticipationLedger.js';
import { Migration20261201000000PersonPerInsats } from './Migration20261201000000PersonPerInsats.js';
import { Migration20261202000000OneOpenReferral } from './Migration20261202000000OneOpenReferral.js';
import { Migration20261215000000AuditChain } from './Migration20261215000000AuditChain.js';
import { Migration20261216000000ProtectedIdentity } from './Migration20261216000000ProtectedIdentity.js';
import { Migration20270101000000StepForward } from './Migration20270101000000StepForward.js';
import { Migration20270106000000ImportAndCorrections } from './Migration20270106000000ImportAndCorrections.js';
import { Migration20270107000000RecordsLifecycle } from './Migration20270107000000RecordsLifecycle.js';
import { Migration20270110000000LedgerVersion } from './Migration20270110000000LedgerVersion.js';
import { Migration20270112000000ImportBatches } from './Migration20270112000000ImportBatches.js';
import { Migration20270118000000ProfileVersion } from './Migration20270118000000ProfileVersion.js';
import { Migration20270120000000EnrolledCount } from './Migration20270120000000EnrolledCount.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122300000Participants', class: Migration20261122300000Participants },
  { name: 'Migration20261122310000Screenings', class: Migration20261122310000Screenings },
  { name: 'Migration20261123000000ParticipationLedger', class: Migration20261123000000ParticipationLedger },
  { name: 'Migration20261201000000PersonPerInsats', class: Migration20261201000000PersonPerInsats },
  ...tenantPolicyMigrations,
  { name: 'Migration20261202000000OneOpenReferral', class: Migration20261202000000OneOpenReferral },
  { name: 'Migration20261215000000AuditChain', class: Migration20261215000000AuditChain },
  { name: 'Migration20261216000000ProtectedIdentity', class: Migration20261216000000ProtectedIdentity },
  { name: 'Migration20270101000000StepForward', class: Migration20270101000000StepForward },
  { name: 'Migration20270106000000ImportAndCorrections', class: Migration20270106000000ImportAndCorrections },
  { name: 'Migration20270107000000RecordsLifecycle', class: Migration20270107000000RecordsLifecycle },
  { name: 'Migration20270110000000LedgerVersion', class: Migration20270110000000LedgerVersion },
  { name: 'Migration20270112000000ImportBatches', class: Migration20270112000000ImportBatches },
  { name: 'Migration20270118000000ProfileVersion', class: Migration20270118000000ProfileVersion },
  { name: 'Migration20270120000000EnrolledCount', class: Migration20270120000000EnrolledCount },
];
