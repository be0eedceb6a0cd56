import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Import and corrections of finance records (issue 21): `source_ref` on allocations and requisitions, unique per
 * förbund, for idempotent imports; a requisition may be withdrawn (WITHDRAWN: it holds no period and
 * counts nowhere) or amended (its lines replaced), each with a reason. `requisition_correction` keeps who,
 * when, why and each change's old and new value; append-only, like the audit logs.
 */
export class Migration20270106000000RequisitionCorrections extends Migration {
  override name = 'Migration20270106000000RequisitionCorrections';

  override up(): void {
    this.addSql(`alter table "requisition" drop constraint "requisition_status_check";`);
    this.addSql(`alter table "requisition" add constraint "requisition_status_check"
      check ("status" in ('SUBMITTED', 'APPROVED', 'REJECTED', 'PAID', 'WITHDRAWN'));`);
    this.addSql(`drop index "requisition_period_uniq";`);
    this.addSql(`create unique index "requisition_period_uniq" on "requisition"
      ("tenant_id", "intervention_id", "year", "period") where "status" not in ('REJECTED', 'WITHDRAWN');`);
    // Imported records keep their reference in the source system: a re-import finds them and changes nothing.
    this.addSql(`alter table "requisition" add column "source_ref" text null;`);
    this.addSql(
      `alter table "requisition" add constraint "requisition_source_ref_key" unique ("tenant_id", "source_ref");`,
    );
    this.addSql(`alter table "allocation" add column "source_ref" text null;`);
    this.addSql(
      `alter table "allocation" add constraint "allocation_source_ref_key" unique ("tenant_id", "source_ref");`,
    );
    this.addSql(`create table "requisition_correction" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "requisition_id" uuid not null references "requisition" ("id") on delete cascade,
      "at" timestamptz not null default now(),
      -- The acting user of the transaction (kit tenant.ts sets it from the verified token), never the client.
      "user_id" text not null default current_setting('app.user_id'),
      "reason" text not null check (length(trim("reason")) > 0),
      "changes" jsonb not null
    );`);
    this.addSql(`create index "requisition_correction_requisition_idx"
      on "requisition_correction" ("requisition_id", "at");`);
    this.addSql(`revoke update, delete, truncate on "requisition_correction" from ${APP_ROLE};`);
    for (const sql of tenantRowLevelSecurity('requisition_correction')) {
      this.addSql(sql);
    }
  }
}
