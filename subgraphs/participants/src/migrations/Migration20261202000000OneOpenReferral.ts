import { Migration } from '@mikro-orm/migrations';

/**
 * One open referral or participation per person and insats: a second referral of the same person to
 * the same insats, serial or concurrent, is refused by the database (and named to the client by the
 * builder's `constraints`), so a person is never counted twice. A person is one row per förbund and
 * keyed hash of the personnummer, so `person_id` names the person; anonymous participations have none
 * and cannot be told apart. Open: not yet rejected or exited.
 */
export class Migration20261202000000OneOpenReferral extends Migration {
  override name = 'Migration20261202000000OneOpenReferral';

  override up(): void {
    this.addSql(
      `create unique index "participation_one_open_per_person" on "participation" ("person_id", "intervention_id") ` +
        `where "person_id" is not null and "status" in ('REFERRED', 'ACCEPTED', 'ENROLLED');`,
    );
  }
}
