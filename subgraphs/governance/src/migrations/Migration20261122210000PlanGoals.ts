import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122210000PlanGoals extends Migration {
  override name = 'Migration20261122210000PlanGoals';

  override up(): void {
    this.addSql(`create table "plan_goal" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "forbund" ("id"),
      "year" integer not null check ("year" between 2004 and 2100),
      "kind" text not null check ("kind" in ('GOAL', 'INTERNAL_CONTROL')),
      "text" text not null,
      "measure" text not null,
      "follow_up" text null,
      "status" text not null check ("status" in ('PLANNED', 'IN_PROGRESS', 'MET', 'PARTLY_MET', 'NOT_MET'))
    );`);
    this.addSql(`create index "plan_goal_tenant_year_idx" on "plan_goal" ("tenant_id", "year");`);
    for (const sql of tenantRowLevelSecurity('plan_goal')) {
      this.addSql(sql);
    }
  }
}
