import { Migration } from '@mikro-orm/migrations';

/**
 * Who decides on a referral to an insats, as its insatsbeskrivning says: the verksamhetsledare (the
 * Västmanland insatsbeskrivningar, and the default) or the team under its mandate (Säter's insatsplan).
 */
export class Migration20270102000000ReferralDecidedBy extends Migration {
  override name = 'Migration20270102000000ReferralDecidedBy';

  override up(): void {
    this.addSql(
      `alter table "intervention" add column "referral_decided_by" text not null default 'VERKSAMHETSLEDARE' ` +
        `check ("referral_decided_by" in ('VERKSAMHETSLEDARE', 'TEAM'));`,
    );
  }
}
