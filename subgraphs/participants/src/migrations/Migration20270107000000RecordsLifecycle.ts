import { tamperEvidentAuditLog } from '@finsam/kit/audit-log.js';
import { APP_ROLE } from '@finsam/kit/database.js';
import { TENANT_SETTING, tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Records lifecycle (issue 21): retention policies (gallringsbeslut) and gallring, register extracts,
 * and participations carried over by a förbund merger.
 *
 * - `retention_policy`: one decided policy per förbund and record type, with the decision's reference
 *   and date.
 * - `participation.culled_on`: the day gallring anonymised the participation (domain/gallring.ts says
 *   what goes); `participation.carried_over_to`: the participation of the merged förbund that carries it
 *   on (the original stays as the history of the förbund it belonged to).
 * - `records_event`: a tamper-evident log (kit audit-log.ts) of every register extract and gallring run:
 *   who, when, why, and the counts. Written only by `record_records_event` (security definer), never
 *   changed or removed.
 */
export class Migration20270107000000RecordsLifecycle extends Migration {
  override name = 'Migration20270107000000RecordsLifecycle';

  override up(): void {
    this.addSql(`create table "retention_policy" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "record_type" text not null check ("record_type" in ('PARTICIPATION', 'SCREENING')),
      "retention_years" integer not null check ("retention_years" between 1 and 100),
      "decision_reference" text not null,
      "decided_on" date not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "retention_policy_one_per_type" unique ("tenant_id", "record_type")
    );`);
    for (const sql of tenantRowLevelSecurity('retention_policy')) {
      this.addSql(sql);
    }
    this.addSql(`alter table "participation" add column "culled_on" date null,
      add column "carried_over_to" uuid null;`);
    this.addSql(`create table "records_event" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "at" timestamptz not null,
      "user_id" text not null,
      "kind" text not null check ("kind" in ('REGISTER_EXTRACT', 'GALLRING_RUN')),
      "reason" text null,
      "person_hash" text null,
      "details" jsonb not null,
      "request_id" text not null
    );`);
    this.addSql(`create index "records_event_tenant_idx" on "records_event" ("tenant_id", "kind", "at");`);
    for (const sql of tenantRowLevelSecurity('records_event')) {
      this.addSql(sql);
    }
    for (const sql of tamperEvidentAuditLog({ table: 'records_event', time: 'at', actor: 'user_id', order: '"at"' })) {
      this.addSql(sql);
    }
    // The tenant is the transaction's; time and actor are stamped by the trigger.
    this.addSql(`create function "record_records_event"("p_kind" text, "p_reason" text, "p_person_hash" text,
        "p_details" jsonb, "p_request_id" text)
      returns uuid language plpgsql security definer set search_path = public as $$
      declare tenant uuid := nullif(current_setting('${TENANT_SETTING}', true), '')::uuid; id uuid := gen_random_uuid();
      begin
        if tenant is null then
          raise exception 'a records event belongs to a förbund';
        end if;
        insert into "records_event"
            ("id", "tenant_id", "at", "user_id", "kind", "reason", "person_hash", "details", "request_id")
          values (id, tenant, now(), '', "p_kind", "p_reason", "p_person_hash", "p_details", "p_request_id");
        return id;
      end $$;`);
    this.addSql(`revoke all on function "record_records_event"(text, text, text, jsonb, text) from public;`);
    this.addSql(`grant execute on function "record_records_event"(text, text, text, jsonb, text) to ${APP_ROLE};`);
  }
}
