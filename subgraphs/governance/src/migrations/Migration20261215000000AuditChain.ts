import { tamperEvidentAuditLog } from '@finsam/kit/audit-log.js';
import { APP_ROLE } from '@finsam/kit/database.js';
import { TENANT_SETTING } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * The history of access becomes tamper-evident (kit audit-log.ts): the database stamps each event's
 * time and actor, the app role writes only through `record_access_event`, nobody changes or removes an
 * event, and the events form a hash chain that `npm run audit:check` verifies.
 */
export class Migration20261215000000AuditChain extends Migration {
  override name = 'Migration20261215000000AuditChain';

  override up(): void {
    for (const sql of tamperEvidentAuditLog({
      table: 'access_event',
      time: 'at',
      actor: 'actor',
      order: '"at", "id"',
    })) {
      this.addSql(sql);
    }
    // The function runs as the owner, past row-level security: it checks the tenant as the policy did.
    // A platform event (no tenant) may come from any transaction, as before.
    this.addSql(`create function "record_access_event"(
        "p_tenant" uuid, "p_action" text, "p_subject" text, "p_detail" jsonb
      ) returns void language plpgsql security definer set search_path = public as $$
      begin
        if "p_tenant" is not null
          and "p_tenant" is distinct from nullif(current_setting('${TENANT_SETTING}', true), '')::uuid then
          raise exception 'an access event of a förbund is written in that förbund''s transaction';
        end if;
        -- Time and actor are the database's (the trigger stamps them): whatever is given here is ignored.
        insert into "access_event" ("id", "tenant_id", "at", "actor", "action", "subject", "detail")
          values (gen_random_uuid(), "p_tenant", now(), '', "p_action", "p_subject", "p_detail");
      end $$;`);
    this.addSql(`revoke all on function "record_access_event"(uuid, text, text, jsonb) from public;`);
    this.addSql(`grant execute on function "record_access_event"(uuid, text, text, jsonb) to ${APP_ROLE};`);
    this.addSql(`drop function "record_platform_access_event"(text, text, text, jsonb);`);
  }
}
