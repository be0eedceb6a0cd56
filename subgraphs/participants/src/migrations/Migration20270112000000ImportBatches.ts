import { Migration } from '@mikro-orm/migrations';

/**
 * An import's run commits batch by batch (issue 21: 100 000 rows in a minute; one transaction over all of them made
 * every audit row's chain step walk the versions the transaction had left of the chain's head, so a batch took longer
 * the more rows came before it). What the import needs to know to go on after a crash:
 *  - `run_id`: the attempt (a check or a run) that holds the import. Every write of the attempt — each batch, its
 *    progress, its end — names it, so an attempt that lost the import (another took it over after its heartbeat
 *    stopped) writes nothing more. `updated_at` is the heartbeat;
 *  - `written_rows`, `written_follow_ups`, `written_batches`: what the import's committed batches wrote, over all its
 *    runs, counted in each batch's own transaction, so they are exactly what is in.
 */
export class Migration20270112000000ImportBatches extends Migration {
  override name = 'Migration20270112000000ImportBatches';

  override up(): void {
    this.addSql(`alter table "participation_import" add column "run_id" uuid null,
      add column "written_rows" integer not null default 0,
      add column "written_follow_ups" integer not null default 0,
      add column "written_batches" integer not null default 0;`);
  }
}
