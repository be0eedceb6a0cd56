import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 19, finance that tells the truth: insats budgets, the förbund's own recorded costs, shared
 * posts and the förbund's eget kapital ceiling. Money is whole kronor in `bigint`.
 */
export class Migration20270104000000FinanceFidelity extends Migration {
  override name = 'Migration20270104000000FinanceFidelity';

  override up(): void {
    this.addSql(`create table "insats_budget" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "year" integer not null check ("year" between 2004 and 2200),
      "note" text null,
      "updated_at" timestamptz not null,
      unique ("tenant_id", "intervention_id", "year")
    );`);
    this.addSql(`create table "insats_budget_line" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "budget_id" uuid not null references "insats_budget" ("id") on delete cascade,
      "side" text not null check ("side" in ('INCOME', 'COST')),
      "category" text not null check (("side" = 'INCOME' and "category" in ('FORBUND', 'CO_FINANCING', 'MEMBER'))
        or ("side" = 'COST' and "category" in ('PERSONNEL', 'PREMISES', 'OTHER'))),
      "description" text not null,
      "amount" bigint not null check ("amount" >= 0),
      "lent_by_member_id" uuid null,
      "noted_value" bigint null check ("noted_value" >= 0),
      "position" integer not null,
      check ("lent_by_member_id" is null or "amount" = 0),
      check ("noted_value" is null or "lent_by_member_id" is not null)
    );`);
    this.addSql(`create index "insats_budget_line_budget_idx" on "insats_budget_line" ("budget_id");`);

    this.addSql(`create table "forbund_cost" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "year" integer not null check ("year" between 2004 and 2200),
      "booked_on" date not null,
      "category" text not null
        check ("category" in ('KANSLI', 'SALARIES_AND_FEES', 'STRUCTURAL_INTERVENTION', 'OTHER')),
      "description" text not null,
      "amount" bigint not null check ("amount" > 0),
      "created_at" timestamptz not null,
      check (extract(year from "booked_on") = "year")
    );`);
    this.addSql(`create index "forbund_cost_year_idx" on "forbund_cost" ("tenant_id", "year");`);

    this.addSql(`create table "shared_post" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "name" text not null,
      "role" text not null,
      "employer_member_id" uuid not null,
      "description" text null
    );`);
    this.addSql(`create table "shared_post_service" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "post_id" uuid not null references "shared_post" ("id") on delete cascade,
      "intervention_id" uuid not null,
      "fte_percent" integer not null check ("fte_percent" between 1 and 100),
      "position" integer not null,
      unique ("post_id", "intervention_id")
    );`);

    this.addSql(`create table "finance_setting" (
      "id" uuid primary key,
      "tenant_id" uuid not null unique,
      "equity_ceiling_basis_points" integer not null check ("equity_ceiling_basis_points" between 0 and 10000),
      "equity_ceiling_minimum" bigint not null check ("equity_ceiling_minimum" >= 0),
      "updated_at" timestamptz not null
    );`);

    for (const table of [
      'insats_budget',
      'insats_budget_line',
      'forbund_cost',
      'shared_post',
      'shared_post_service',
      'finance_setting',
    ]) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
