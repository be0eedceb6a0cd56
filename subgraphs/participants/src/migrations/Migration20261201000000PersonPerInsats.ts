import { Migration } from '@mikro-orm/migrations';

/**
 * A person's identity belongs to one insats: a referral finds a personnummer only among the
 * persons of the insats it is made to (consent is given per insats), so it never tells whether the
 * person is known elsewhere in the förbund. A person who took part in several insatser becomes one
 * person per insats; their participations keep pointing at their own insats' copy.
 */
export class Migration20261201000000PersonPerInsats extends Migration {
  override name = 'Migration20261201000000PersonPerInsats';

  override up(): void {
    this.addSql(`alter table "person" add column "intervention_id" uuid null;`);
    this.addSql(`alter table "person" drop constraint "person_tenant_id_person_number_hash_key";`);
    this.addSql(`create table "person_split" as
      select d."person_id", d."intervention_id",
        case when row_number() over (partition by d."person_id" order by d."intervention_id") = 1
          then d."person_id" else gen_random_uuid() end as "new_id"
      from (select distinct "person_id", "intervention_id" from "participation" where "person_id" is not null) d;`);
    this.addSql(`insert into "person"
        ("id", "tenant_id", "person_number_hash", "person_number_cipher", "name_cipher", "intervention_id")
      select s."new_id", p."tenant_id", p."person_number_hash", p."person_number_cipher", p."name_cipher",
        s."intervention_id"
      from "person_split" s join "person" p on p."id" = s."person_id" where s."new_id" <> s."person_id";`);
    this.addSql(`update "participation" pa set "person_id" = s."new_id" from "person_split" s
      where pa."person_id" = s."person_id" and pa."intervention_id" = s."intervention_id"
        and s."new_id" <> s."person_id";`);
    this.addSql(`update "person" p set "intervention_id" = s."intervention_id" from "person_split" s
      where p."id" = s."person_id" and s."new_id" = s."person_id";`);
    this.addSql(`drop table "person_split";`);
    this.addSql(`alter table "person" add constraint "person_insats_number_key"
      unique ("tenant_id", "intervention_id", "person_number_hash");`);
  }
}
