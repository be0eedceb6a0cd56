import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261122310000Screenings extends Migration {
  override name = 'Migration20261122310000Screenings';

  override up(): void {
    // The handlingsplan (often a SIP) is personal: kept only with consent.
    this.addSql(`alter table "participation" add column "action_plan" jsonb null;`);
    this.addSql(`alter table "participation" add constraint "participation_action_plan_needs_consent"
      check ("action_plan" is null or ("consent_given_on" is not null and "consent_withdrawn_on" is null));`);
    this.addSql(`alter table "participation" add column "referring_member_id" uuid null;`);
    this.addSql(`create table "screening" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "participation_id" uuid not null references "participation" ("id") on delete cascade,
      "kind" text not null check ("kind" in ('VIOLENCE_QUESTIONS', 'KASAM', 'SRS', 'ORS')),
      "date" date not null,
      "answered" boolean null,
      "support_offered" boolean null,
      "score" integer null,
      check (("kind" = 'VIOLENCE_QUESTIONS')
        = ("answered" is not null and "support_offered" is not null and "score" is null))
    );`);
    this.addSql(`create index "screening_participation_idx" on "screening" ("participation_id", "date");`);
    for (const sql of tenantRowLevelSecurity('screening')) {
      this.addSql(sql);
    }
  }
}
