import { stampAndChain } from '@finsam/kit/audit-log.js';
import { APP_ROLE } from '@finsam/kit/database.js';
import { TENANT_SETTING } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Skyddad personuppgift: a person can be marked protected, and each audited read records its reason.
 * `reason` is a late audit column (kit audit-log.ts `LATE_AUDIT_COLUMNS`): the chain's hash covers it
 * when set, and rows from before keep their hash. `record_audit_reads` takes each read's reason in
 * `p_reads` ([{ "participationId", "fields", "reason" }]).
 */
export class Migration20261216000000ProtectedIdentity extends Migration {
  override name = 'Migration20261216000000ProtectedIdentity';

  override up(): void {
    this.addSql(`alter table "person" add column "protected_identity" boolean not null default false;`);
    this.addSql(`alter table "audit_entry" add column "reason" text;`);
    this.addSql(stampAndChain({ table: 'audit_entry', time: 'at', actor: 'user_id' }));
    this.addSql(`create or replace function "record_audit_reads"("p_reads" jsonb, "p_request_id" text)
      returns void language plpgsql security definer set search_path = public as $$
      declare tenant uuid := nullif(current_setting('${TENANT_SETTING}', true), '')::uuid;
      begin
        if tenant is null then
          raise exception 'an audited read belongs to a förbund';
        end if;
        insert into "audit_entry"
            ("id", "tenant_id", "at", "user_id", "participation_id", "fields", "request_id", "reason")
          select gen_random_uuid(), tenant, now(), '', (r ->> 'participationId')::uuid,
              array(select jsonb_array_elements_text(r -> 'fields')), "p_request_id", nullif(r ->> 'reason', '')
            from jsonb_array_elements("p_reads") as r;
      end $$;`);
    this.addSql(`revoke all on function "record_audit_reads"(jsonb, text) from public;`);
    this.addSql(`grant execute on function "record_audit_reads"(jsonb, text) to ${APP_ROLE};`);
  }
}
