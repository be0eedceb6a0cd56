import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 21, import and corrections:
 *  - `participation.source_ref`: the record's reference in the system it was imported from, unique per
 *    förbund, so importing the same file again finds every row already there and writes nothing;
 *  - `participation_import`: a staged import (its status and progress, the dry run's per-row report and
 *    the summary), which a client polls by id while a large file is committed; the file's text in parts
 *    (`participation_import_part`);
 *  - `participation_correction`: every correction of a participation's events — who, when, why, and
 *    each changed field's old and new value. Append-only, like the audit log: nobody updates or
 *    removes a correction.
 */
export class Migration20270106000000ImportAndCorrections extends Migration {
  override name = 'Migration20270106000000ImportAndCorrections';

  override up(): void {
    this.addSql(`alter table "participation" add column "source_ref" text null;`);
    this.addSql(`alter table "participation" add constraint "participation_source_ref_key"
      unique ("tenant_id", "source_ref");`);
    this.addSql(`create table "participation_import" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "name" text not null,
      "format" text not null check ("format" in ('CSV', 'JSON')),
      "status" text not null check ("status" in ('STAGED', 'CHECKING', 'CHECKED', 'RUNNING', 'DONE', 'FAILED')),
      "total_rows" integer not null default 0,
      "processed_rows" integer not null default 0,
      "issues" jsonb not null default '[]',
      "summary" jsonb null,
      "created_by" text not null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
    // A large file arrives in parts (each request is bounded): one row each, joined in order when checked.
    this.addSql(`create table "participation_import_part" (
      "import_id" uuid not null references "participation_import" ("id") on delete cascade,
      "tenant_id" uuid not null,
      "seq" integer not null,
      "content" text not null,
      primary key ("import_id", "seq")
    );`);
    this.addSql(`create table "participation_correction" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "participation_id" uuid not null references "participation" ("id") on delete cascade,
      "at" timestamptz not null default now(),
      -- The acting user of the transaction (kit tenant.ts sets it from the verified token), never the client.
      "user_id" text not null default current_setting('app.user_id'),
      "reason" text not null check (length(trim("reason")) > 0),
      "changes" jsonb not null
    );`);
    this.addSql(`create index "participation_correction_participation_idx"
      on "participation_correction" ("participation_id", "at");`);
    this.addSql(`revoke update, delete, truncate on "participation_correction" from ${APP_ROLE};`);
    for (const table of ['participation_import', 'participation_import_part', 'participation_correction']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
