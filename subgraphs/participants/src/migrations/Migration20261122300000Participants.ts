import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122300000Participants extends Migration {
  override name = 'Migration20261122300000Participants';

  override up(): void {
    this.addSql(`create table "person" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "person_number_hash" text not null,
      "person_number_cipher" text not null,
      "name_cipher" text null,
      unique ("tenant_id", "person_number_hash")
    );`);
    this.addSql(`create table "participation" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "person_id" uuid null references "person" ("id"),
      "status" text not null check ("status" in ('REFERRED', 'ACCEPTED', 'REJECTED', 'ENROLLED', 'EXITED')),
      "kon" text not null check ("kon" in ('KVINNA', 'MAN', 'UNKNOWN')),
      "start_year" integer not null,
      "birth_year" integer null,
      "age_at_referral" integer null,
      "hemkommun" text null,
      "referred_on" date not null,
      "referrer_unit" text not null,
      "needs_two_members" boolean not null,
      "motivated" boolean not null,
      "exclusion_grounds" text[] not null,
      "study_visit" text not null,
      "decision_reason" text null,
      "decided_on" date null,
      "consent_given_on" date null,
      "consent_withdrawn_on" date null,
      "enrolled_on" date null,
      "planned_end" date null,
      "education_level" text null,
      "support_before" text[] null,
      "years_in_support" integer null,
      "extension_decision_id" uuid null,
      "exited_on" date null check ("exited_on" is null or "exited_on" >= "enrolled_on"),
      "outcomes" text[] not null,
      "support_after" text[] null,
      "final_documentation_sent_on" date null,
      "level_6_months" text null check ("level_6_months" in ('HIGHER', 'SAME', 'LOWER')),
      "level_18_months" text null check ("level_18_months" in ('HIGHER', 'SAME', 'LOWER')),
      -- Without consent, nothing that points at a person is kept.
      check ("consent_given_on" is not null and "consent_withdrawn_on" is null
        or ("person_id" is null and "birth_year" is null and "age_at_referral" is null and "hemkommun" is null
            and "education_level" is null and "support_before" is null and "years_in_support" is null
            and "support_after" is null))
    );`);
    this.addSql(
      `create index "participation_intervention_idx" on "participation" ("intervention_id", "status", "enrolled_on");`,
    );
    this.addSql(`create index "participation_tenant_idx" on "participation" ("tenant_id", "enrolled_on");`);

    this.addSql(`create table "follow_up" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "participation_id" uuid not null references "participation" ("id") on delete cascade,
      "date" date not null,
      "referrer_present" boolean not null,
      "decision" text not null check ("decision" in ('CONTINUE', 'CHANGE', 'END'))
    );`);
    this.addSql(`create index "follow_up_participation_idx" on "follow_up" ("participation_id", "date");`);

    this.addSql(`create table "audit_entry" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "at" timestamptz not null,
      "user_id" text not null,
      "participation_id" uuid not null,
      "fields" text[] not null,
      "request_id" text not null
    );`);
    this.addSql(`create index "audit_entry_tenant_at_idx" on "audit_entry" ("tenant_id", "at");`);
    // Append-only: no role the subgraph uses may change or remove a row, and the table refuses anyway.
    this.addSql(`revoke update, delete, truncate on "audit_entry" from ${APP_ROLE};`);
    this.addSql(`create function "audit_entry_append_only"() returns trigger language plpgsql as $$
      begin raise exception 'the audit log is append-only'; end $$;`);
    this.addSql(
      `create trigger "audit_entry_append_only" before update or delete on "audit_entry" ` +
        `for each row execute function "audit_entry_append_only"();`,
    );

    for (const table of ['person', 'participation', 'follow_up', 'audit_entry']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
