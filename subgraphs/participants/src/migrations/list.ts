import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122300000Participants } from './Migration20261122300000Participants.js';
import { Migration20261122310000Screenings } from './Migration20261122310000Screenings.js';

/** Registered in code so jest, `npm start` and production run the same list. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261122300000Participants', class: Migration20261122300000Participants },
  { name: 'Migration20261122310000Screenings', class: Migration20261122310000Screenings },
];
