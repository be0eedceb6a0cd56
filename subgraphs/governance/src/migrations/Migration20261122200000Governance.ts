import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122200000Governance extends Migration {
  override name = 'Migration20261122200000Governance';

  override up(): void {
    this.addSql(`create table "body" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "forbund" ("id"),
      "kind" text not null check ("kind" in ('BOARD', 'PREPARATORY_GROUP', 'MEMBER_COUNCIL', 'STEERING_GROUP')),
      "name" text not null,
      "intervention_id" uuid null,
      check (("kind" = 'STEERING_GROUP') = ("intervention_id" is not null))
    );`);
    this.addSql(
      `create unique index "body_one_steering_group" on "body" ("intervention_id") ` +
        `where "intervention_id" is not null;`,
    );

    this.addSql(`create table "body_member" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "body_id" uuid not null references "body" ("id") on delete cascade,
      "name" text not null,
      "member_id" uuid null references "forbund_member" ("id"),
      "role" text not null check ("role" in ('ORDINARIE', 'ERSATTARE', 'ADJUNGERAD', 'FOREDRAGANDE')),
      "voting" boolean not null,
      "mandate" boolean not null,
      "term_from" date not null,
      "term_to" date null,
      "position" integer not null,
      -- Adjungerade never vote.
      check (not ("role" = 'ADJUNGERAD' and "voting"))
    );`);
    this.addSql(`create index "body_member_body_idx" on "body_member" ("body_id", "position");`);

    this.addSql(`create table "meeting" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "body_id" uuid not null references "body" ("id"),
      "date" date not null,
      "title" text null,
      "agenda" text[] not null,
      "attendance" text[] not null,
      "minutes" text null,
      "minutes_approved_at" timestamptz null
    );`);
    this.addSql(`create index "meeting_body_date_idx" on "meeting" ("body_id", "date");`);
    this.addSql(`create index "meeting_tenant_date_idx" on "meeting" ("tenant_id", "date");`);
    // Approved minutes are official records (allmän handling): they never change.
    this.addSql(`create function "meeting_minutes_immutable"() returns trigger language plpgsql as $$
      begin
        if old."minutes_approved_at" is not null and (new."minutes" is distinct from old."minutes"
            or new."minutes_approved_at" is distinct from old."minutes_approved_at"
            or new."attendance" is distinct from old."attendance" or new."date" is distinct from old."date") then
          raise exception 'approved minutes cannot change; record a correction instead';
        end if;
        return new;
      end $$;`);
    this.addSql(
      `create trigger "meeting_minutes_immutable" before update on "meeting" ` +
        `for each row execute function "meeting_minutes_immutable"();`,
    );

    this.addSql(`create table "minutes_correction" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "meeting_id" uuid not null references "meeting" ("id"),
      "text" text not null,
      "created_at" timestamptz not null
    );`);

    this.addSql(`create table "decision" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "meeting_id" uuid not null references "meeting" ("id"),
      "kind" text not null check ("kind" in ('BUDGET', 'VERKSAMHETSPLAN', 'EXTENSION', 'AVVIKELSE', 'OTHER')),
      "text" text not null,
      "intervention_id" uuid null,
      "participation_id" uuid null,
      "budget_year" integer null,
      "votes" jsonb not null
    );`);
    this.addSql(`create index "decision_meeting_idx" on "decision" ("meeting_id");`);
    this.addSql(`create index "decision_intervention_idx" on "decision" ("intervention_id");`);

    this.addSql(`create table "avvikelse" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "reported_on" date not null,
      "description" text not null,
      "status" text not null check ("status" in ('RECEIVED', 'BEING_HANDLED', 'HANDLED', 'FORWARDED')),
      "due_on" date not null,
      "decision_id" uuid null references "decision" ("id"),
      "forwarded_to_member_id" uuid null references "forbund_member" ("id"),
      "reported_by" text not null,
      check ("status" <> 'HANDLED' or "decision_id" is not null),
      check ("status" <> 'FORWARDED' or "forwarded_to_member_id" is not null)
    );`);
    this.addSql(`create index "avvikelse_intervention_idx" on "avvikelse" ("intervention_id", "status");`);

    for (const table of ['body', 'body_member', 'meeting', 'minutes_correction', 'decision', 'avvikelse']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
