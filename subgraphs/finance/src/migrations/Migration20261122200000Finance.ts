import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/** Money columns are whole kronor in `bigint`. Derived figures (used, differens, result) have no column. */
export class Migration20261122200000Finance extends Migration {
  override name = 'Migration20261122200000Finance';

  override up(): void {
    this.addSql(`create table "budget" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "year" integer not null check ("year" between 2004 and 2200),
      "opening_equity" bigint not null,
      "decided_on" date null,
      "prognosis_income1" bigint not null check ("prognosis_income1" >= 0),
      "prognosis_costs1" bigint not null check ("prognosis_costs1" >= 0),
      "prognosis_income2" bigint not null check ("prognosis_income2" >= 0),
      "prognosis_costs2" bigint not null check ("prognosis_costs2" >= 0),
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      unique ("tenant_id", "year")
    );`);

    this.addSql(`create table "budget_contribution" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "budget_id" uuid not null references "budget" ("id") on delete cascade,
      "member_id" uuid not null,
      "amount" bigint not null check ("amount" >= 0),
      "position" integer not null,
      unique ("budget_id", "member_id")
    );`);

    this.addSql(`create table "budget_cost_line" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "budget_id" uuid not null references "budget" ("id") on delete cascade,
      "category" text not null check ("category" in
        ('KANSLI', 'SALARIES_AND_FEES', 'INDIVIDUAL_INTERVENTION', 'STRUCTURAL_INTERVENTION', 'OTHER')),
      "intervention_id" uuid null,
      "description" text not null,
      "amount" bigint not null check ("amount" >= 0),
      "position" integer not null,
      check ("category" <> 'INDIVIDUAL_INTERVENTION' or "intervention_id" is not null)
    );`);
    this.addSql(`create index "budget_cost_line_budget_idx" on "budget_cost_line" ("budget_id");`);

    this.addSql(`create table "allocation" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "year" integer not null,
      "amount" bigint not null check ("amount" >= 0),
      "updated_at" timestamptz not null,
      unique ("tenant_id", "intervention_id", "year")
    );`);

    this.addSql(`create table "requisition" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "year" integer not null,
      "period" integer not null check ("period" between 1 and 6),
      "submitted_on" date not null,
      "status" text not null check ("status" in ('SUBMITTED', 'APPROVED', 'REJECTED', 'PAID')),
      "rejection_reason" text null check (("status" = 'REJECTED') = ("rejection_reason" is not null)),
      "version" integer not null default 1,
      "created_at" timestamptz not null
    );`);
    // One live requisition per insats and period; a rejected one may be sent again.
    this.addSql(
      `create unique index "requisition_period_uniq" on "requisition" ` +
        `("tenant_id", "intervention_id", "year", "period") where "status" <> 'REJECTED';`,
    );
    this.addSql(`create index "requisition_intervention_idx" on "requisition" ("intervention_id", "year");`);

    this.addSql(`create table "requisition_line" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "requisition_id" uuid not null references "requisition" ("id") on delete cascade,
      "category" text not null,
      "amount" bigint not null check ("amount" >= 0),
      "position" integer not null
    );`);
    this.addSql(`create index "requisition_line_requisition_idx" on "requisition_line" ("requisition_id");`);

    for (const table of [
      'budget',
      'budget_contribution',
      'budget_cost_line',
      'allocation',
      'requisition',
      'requisition_line',
    ]) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
