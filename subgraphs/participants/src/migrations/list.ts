import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122300000Participants } from './Migration20261122300000Participants.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122300000Participants', class: Migration20261122300000Participants },
];
