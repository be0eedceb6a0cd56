import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000000Forbund extends Migration {
  override name = 'Migration20261122000000Forbund';

  override up(): void {
    this.addSql(`create table "forbund" (
      "id" uuid primary key,
      "tenant_id" uuid not null check ("tenant_id" = "id"),
      "name" text not null,
      "slug" text not null unique,
      "organisation_number" text not null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null
    );`);
    this.addSql(`create table "forbund_member" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "forbund_id" uuid not null references "forbund" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('FORSAKRINGSKASSAN', 'ARBETSFORMEDLINGEN', 'REGION', 'KOMMUN')),
      "name" text not null,
      "scb_code" text null,
      "share_basis_points" integer null check ("share_basis_points" between 0 and 2500),
      "position" integer not null,
      constraint "forbund_member_same_tenant" check ("tenant_id" = "forbund_id")
    );`);
    this.addSql(`create index "forbund_member_forbund_idx" on "forbund_member" ("forbund_id", "position");`);
    for (const table of ['forbund', 'forbund_member']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
  }
}
