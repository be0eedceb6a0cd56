import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000Forbund } from './Migration20261122000000Forbund.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122000000Forbund', class: Migration20261122000000Forbund },
];
