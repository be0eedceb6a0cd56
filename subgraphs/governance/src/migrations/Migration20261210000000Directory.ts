import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * The directory: who has signed in, what they may do in which förbund, and the history of every
 * change. `directory_user`, `platform_grant`, `county` and `trusted_issuer` are platform-level (no
 * tenant, no tenant policy); the API reaches them only through the gateway and platform
 * administrators. `access_grant`, `invitation` and `access_event` are under the two walls.
 */
export class Migration20261210000000Directory extends Migration {
  override name = 'Migration20261210000000Directory';

  override up(): void {
    this.addSql(`create table "directory_user" (
      "id" uuid primary key,
      "issuer" text not null,
      "subject" text not null,
      "email" text null check ("email" = lower("email")),
      "name" text null,
      "created_at" timestamptz not null,
      "last_seen_at" timestamptz not null,
      unique ("issuer", "subject")
    );`);

    this.addSql(`create table "invitation" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "forbund" ("id"),
      "email" text not null check ("email" = lower("email")),
      "created_by" text not null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "claimed_by" uuid null references "directory_user" ("id"),
      "claimed_at" timestamptz null,
      check (("claimed_by" is null) = ("claimed_at" is null))
    );`);
    this.addSql(`create index "invitation_open_email_idx" on "invitation" ("email") where "claimed_at" is null;`);
    this.addSql(`create index "invitation_tenant_idx" on "invitation" ("tenant_id", "created_at");`);

    this.addSql(`create table "access_grant" (
      "id" uuid primary key,
      "tenant_id" uuid not null references "forbund" ("id"),
      "user_id" uuid null references "directory_user" ("id"),
      "invitation_id" uuid null references "invitation" ("id"),
      "role" text not null
        check ("role" in ('FORBUND_ADMIN', 'VERKSAMHETSLEDARE', 'STAFF', 'BOARD', 'STYRGRUPP')),
      "intervention_ids" uuid[] not null default '{}',
      "seat_id" uuid null,
      "valid_from" date null,
      "valid_to" date null,
      "revoked_at" timestamptz null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      check (num_nonnulls("user_id", "invitation_id") = 1),
      check (("role" in ('VERKSAMHETSLEDARE', 'STAFF')) = (cardinality("intervention_ids") > 0)),
      check (("role" = 'STYRGRUPP') = ("seat_id" is not null)),
      check ("valid_from" is null or "valid_to" is null or "valid_from" <= "valid_to")
    );`);
    this.addSql(`create index "access_grant_user_idx" on "access_grant" ("user_id");`);
    this.addSql(`create index "access_grant_invitation_idx" on "access_grant" ("invitation_id");`);
    this.addSql(`create index "access_grant_tenant_role_idx" on "access_grant" ("tenant_id", "role");`);

    this.addSql(`create table "county" (
      "id" uuid primary key,
      "name" text not null unique,
      "forbund_ids" uuid[] not null,
      "created_at" timestamptz not null
    );`);

    this.addSql(`create table "platform_grant" (
      "id" uuid primary key,
      "email" text not null check ("email" = lower("email")),
      "expires_at" timestamptz not null,
      "user_id" uuid null references "directory_user" ("id"),
      "claimed_at" timestamptz null,
      "role" text not null check ("role" in ('PLATFORM_ADMIN', 'COUNTY_ANALYST')),
      "county_id" uuid null references "county" ("id"),
      "valid_from" date null,
      "valid_to" date null,
      "revoked_at" timestamptz null,
      "created_by" text not null,
      "created_at" timestamptz not null,
      check (("user_id" is null) = ("claimed_at" is null)),
      -- A county analyst names a county or none (every förbund); a platform administrator none.
      check ("role" = 'COUNTY_ANALYST' or "county_id" is null),
      check ("valid_from" is null or "valid_to" is null or "valid_from" <= "valid_to")
    );`);
    this.addSql(`create index "platform_grant_user_idx" on "platform_grant" ("user_id");`);
    this.addSql(`create index "platform_grant_open_email_idx" on "platform_grant" ("email") where "user_id" is null;`);

    this.addSql(`create table "trusted_issuer" (
      "id" uuid primary key,
      "issuer" text not null unique,
      "audience" text not null,
      "algorithms" text[] not null check (cardinality("algorithms") > 0),
      "forbund_ids" uuid[] null,
      "platform" boolean not null,
      "created_at" timestamptz not null
    );`);

    this.addSql(`create table "access_event" (
      "id" uuid primary key,
      "tenant_id" uuid null references "forbund" ("id"),
      "at" timestamptz not null,
      "actor" text not null,
      "action" text not null,
      "subject" text not null,
      "detail" jsonb not null
    );`);
    this.addSql(`create index "access_event_tenant_at_idx" on "access_event" ("tenant_id", "at");`);

    for (const table of ['invitation', 'access_grant', 'access_event']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
    // Platform events have no tenant, so the tenant policy refuses them to the app role: they are
    // written by this function, which runs as the table's owner and can write nothing else.
    this.addSql(`create function "record_platform_access_event"(
        "p_actor" text, "p_action" text, "p_subject" text, "p_detail" jsonb
      ) returns void language sql security definer set search_path = public as $$
        insert into "access_event" ("id", "tenant_id", "at", "actor", "action", "subject", "detail")
        values (gen_random_uuid(), null, now(), "p_actor", "p_action", "p_subject", "p_detail");
      $$;`);
    this.addSql(`revoke all on function "record_platform_access_event"(text, text, text, jsonb) from public;`);
    this.addSql(`grant execute on function "record_platform_access_event"(text, text, text, jsonb) to ${APP_ROLE};`);
    // The history is kept: the app role never deletes access rows, and never changes an event.
    this.addSql(
      `revoke delete on "directory_user", "invitation", "access_grant", "county", "platform_grant", ` +
        `"trusted_issuer", "access_event" from ${APP_ROLE};`,
    );
    this.addSql(`revoke update on "access_event" from ${APP_ROLE};`);
  }
}
