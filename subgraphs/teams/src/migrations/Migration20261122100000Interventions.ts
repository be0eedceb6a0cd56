import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122100000Interventions extends Migration {
  override name = 'Migration20261122100000Interventions';

  override up(): void {
    this.addSql(`create table "intervention" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "name" text not null,
      "kind" text not null check ("kind" in ('INDIVIDUAL', 'STRUCTURAL')),
      "form" text not null check ("form" in ('UNTIL_FURTHER_NOTICE', 'PROJECT')),
      "owner_member_ids" text[] not null check (cardinality("owner_member_ids") >= 2),
      "bookkeeping_member_id" uuid not null,
      "start_date" date not null,
      "end_date" date null check ("end_date" is null or "end_date" >= "start_date"),
      "notice_months" integer null check ("notice_months" >= 0),
      "kommun_codes" text[] not null,
      "target_age_min" integer not null,
      "target_age_max" integer not null check ("target_age_max" >= "target_age_min"),
      "priority_groups" text[] not null,
      "max_enrolled" integer null check ("max_enrolled" > 0),
      "yearly_places" integer null check ("yearly_places" > 0),
      "methods" text[] not null,
      "follow_up_method" text not null,
      "esf_funded" boolean not null,
      "attendee_target_per_year" integer null,
      "closed_reason" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      check ("form" <> 'PROJECT' or "end_date" is not null)
    );`);
    this.addSql(`create index "intervention_tenant_idx" on "intervention" ("tenant_id", "name");`);
    // Kind, follow-up method and ESF funding are fixed at creation (Uppföljning Finsam).
    this.addSql(`create function "intervention_immutable"() returns trigger language plpgsql as $$
      begin
        if new."kind" <> old."kind" or new."follow_up_method" <> old."follow_up_method"
           or new."esf_funded" <> old."esf_funded" then
          raise exception 'kind, follow-up method and ESF funding cannot change after creation';
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger "intervention_immutable" before update on "intervention" ` +
        `for each row execute function "intervention_immutable"();`,
    );

    this.addSql(`create table "staff_position" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null references "intervention" ("id") on delete cascade,
      "role" text not null,
      "employer_member_id" uuid not null,
      "fte_percent" integer not null check ("fte_percent" between 1 and 100),
      "financing" text not null check ("financing" in ('FORBUND', 'LENT_BY_MEMBER')),
      "from_date" date not null,
      "to_date" date null check ("to_date" is null or "to_date" >= "from_date")
    );`);
    this.addSql(`create index "staff_position_intervention_idx" on "staff_position" ("intervention_id");`);

    this.addSql(`create table "local_goal" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null references "intervention" ("id") on delete cascade,
      "year" integer not null,
      "text" text not null,
      "measure" text not null,
      "target" text not null,
      "result" text null,
      "status" text not null
    );`);
    this.addSql(`create index "local_goal_intervention_idx" on "local_goal" ("intervention_id", "year");`);

    this.addSql(`create table "structural_event" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null references "intervention" ("id") on delete cascade,
      "date" date not null,
      "title" text not null,
      "format" text not null check ("format" in ('DIGITAL', 'PHYSICAL')),
      "audience" text not null,
      "attendees" integer not null check ("attendees" >= 0)
    );`);
    this.addSql(`create index "structural_event_intervention_idx" on "structural_event" ("intervention_id", "date");`);

    for (const table of ['intervention', 'staff_position', 'local_goal', 'structural_event']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
