import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * A version per förbund of its half-year ledger, bumped in the same statement as any change to the
 * ledger (a statement-level trigger on `participation_half_year`, which only the participations'
 * triggers write). The year reports keep what they published for a förbund in process memory under
 * this version (schema/ForbundYear.ts): reading it is one small row per förbund, where checking the
 * ledger itself meant reading and hashing all of it on every request. Like the ledger, only the
 * trigger writes it; the app role reads it under the same row-level security.
 */
export class Migration20270110000000LedgerVersion extends Migration {
  override name = 'Migration20270110000000LedgerVersion';

  override up(): void {
    this.addSql(`create table "participation_ledger_version" (
      "tenant_id" uuid primary key,
      "version" bigint not null
    );`);
    for (const sql of tenantRowLevelSecurity('participation_ledger_version')) {
      this.addSql(sql);
    }
    this.addSql(`revoke insert, update, delete, truncate on "participation_ledger_version" from finsam_app;`);
    this.addSql(
      `insert into "participation_ledger_version" select distinct "tenant_id", 1 from "participation_half_year";`,
    );
    // Security definer: written as its owner, whoever changed the participations. One function for the
    // three events, each naming its transition table "changed".
    this.addSql(`create function participation_ledger_bump() returns trigger language plpgsql
      security definer set search_path = public as $$
      begin
        insert into "participation_ledger_version" as v ("tenant_id", "version")
          select distinct "tenant_id", 1 from changed
        on conflict ("tenant_id") do update set "version" = v."version" + 1;
        return null;
      end $$;`);
    for (const [event, table] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      this.addSql(`create trigger "participation_half_year_bump_${event}" after ${event} on "participation_half_year"
        referencing ${table} table as changed for each statement execute function participation_ledger_bump();`);
    }
  }
}
