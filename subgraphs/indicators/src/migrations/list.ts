import { tenantPolicyMigrations } from '@finsam/kit/tenant.js';
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123100000Surveys } from './Migration20261123100000Surveys.js';
import { Migration20261201130000SurveyPublication } from './Migration20261201130000SurveyPublication.js';
import { Migration20270105100000SurveyGroups } from './Migration20270105100000SurveyGroups.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261123100000Surveys', class: Migration20261123100000Surveys },
  { name: 'Migration20261201130000SurveyPublication', class: Migration20261201130000SurveyPublication },
  ...tenantPolicyMigrations,
  { name: 'Migration20270105100000SurveyGroups', class: Migration20270105100000SurveyGroups },
];
