import { tamperEvidentAuditLog } from '@finsam/kit/audit-log.js';
import { APP_ROLE } from '@finsam/kit/database.js';
import { TENANT_SETTING } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log of identifying reads becomes tamper-evident (kit audit-log.ts): the database stamps
 * each row's time and reader, the app role writes only through `record_audit_reads`, nobody changes
 * or removes a row, and the rows form a hash chain that `npm run audit:check` verifies.
 */
export class Migration20261215000000AuditChain extends Migration {
  override name = 'Migration20261215000000AuditChain';

  override up(): void {
    for (const sql of tamperEvidentAuditLog({
      table: 'audit_entry',
      time: 'at',
      actor: 'user_id',
      order: '"at", "id"',
    })) {
      this.addSql(sql);
    }
    // One call per request: `p_reads` is [{ "participationId": …, "fields": [...] }]. The tenant is the
    // transaction's; time and reader are stamped by the trigger.
    this.addSql(`create function "record_audit_reads"("p_reads" jsonb, "p_request_id" text)
      returns void language plpgsql security definer set search_path = public as $$
      declare tenant uuid := nullif(current_setting('${TENANT_SETTING}', true), '')::uuid;
      begin
        if tenant is null then
          raise exception 'an audited read belongs to a förbund';
        end if;
        insert into "audit_entry" ("id", "tenant_id", "at", "user_id", "participation_id", "fields", "request_id")
          select gen_random_uuid(), tenant, now(), '', (r ->> 'participationId')::uuid,
              array(select jsonb_array_elements_text(r -> 'fields')), "p_request_id"
            from jsonb_array_elements("p_reads") as r;
      end $$;`);
    this.addSql(`revoke all on function "record_audit_reads"(jsonb, text) from public;`);
    this.addSql(`grant execute on function "record_audit_reads"(jsonb, text) to ${APP_ROLE};`);
  }
}
