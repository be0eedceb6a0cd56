import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Förbund mergers (domain/merger.ts): the decision, kept by the merged förbund, and on each merging
 * förbund the förbund it merged into and from when.
 */
export class Migration20270107010000ForbundMerger extends Migration {
  override name = 'Migration20270107010000ForbundMerger';

  override up(): void {
    this.addSql(`alter table "forbund" add column "merged_into" uuid null references "forbund" ("id"),
      add column "merged_on" date null,
      add constraint "forbund_merged_both" check (("merged_into" is null) = ("merged_on" is null)),
      add constraint "forbund_not_into_itself" check ("merged_into" <> "id");`);
    this.addSql(`create table "forbund_merger" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "forbund" ("id"),
      "forbund_ids" uuid[] not null check (cardinality("forbund_ids") >= 2),
      "effective_on" date not null,
      "decision_reference" text not null,
      "options" jsonb not null,
      "carried" jsonb not null,
      "created_by" text not null,
      "created_at" timestamptz not null
    );`);
    for (const sql of tenantRowLevelSecurity('forbund_merger')) {
      this.addSql(sql);
    }
  }
}
