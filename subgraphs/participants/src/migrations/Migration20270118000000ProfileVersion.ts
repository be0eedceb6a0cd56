import { Migration } from '@mikro-orm/migrations';

/**
 * The ledger version (migration `LedgerVersion`) also moves when a participation changes what a profile
 * counts (schema/Profile.ts: persons beside participations, age and years in support per kön, support
 * before and after) without changing the ledger: years in support, support sources, the person (a
 * gallring run or consent withdrawal lets go of it), or a person's keyed hash. The profiles are kept
 * under that version like the published years, so such a write must bump it in the same transaction.
 * A change the ledger sees bumps it already (enrolment, exit, kön, age, insats); an insert or delete of
 * an enrolled participation always changes the ledger. Only these triggers and the ledger's write it.
 */
export class Migration20270118000000ProfileVersion extends Migration {
  override name = 'Migration20270118000000ProfileVersion';

  override up(): void {
    // Security definer: written as its owner, whoever changed the participations (as the ledger's bump).
    this.addSql(`create function participation_profile_bump() returns trigger language plpgsql
      security definer set search_path = public as $$
      begin
        insert into "participation_ledger_version" as v ("tenant_id", "version")
          select distinct both_."tenant_id", 1 from (
            select n."tenant_id" as now_, o."tenant_id" as was from new_rows n join old_rows o on o."id" = n."id"
            where (n."enrolled_on" is not null or o."enrolled_on" is not null)
              and (n."tenant_id", n."intervention_id", n."person_id", n."enrolled_on", n."exited_on", n."kon",
                n."age_at_referral", n."years_in_support", n."support_before", n."support_after")
                is distinct from (o."tenant_id", o."intervention_id", o."person_id", o."enrolled_on", o."exited_on",
                o."kon", o."age_at_referral", o."years_in_support", o."support_before", o."support_after")
          ) c cross join lateral (values (c.now_), (c.was)) as both_("tenant_id")
        on conflict ("tenant_id") do update set "version" = v."version" + 1;
        return null;
      end $$;`);
    this.addSql(`create trigger "participation_profile_bump" after update on "participation"
      referencing old table as old_rows new table as new_rows
      for each statement execute function participation_profile_bump();`);
    this.addSql(`create function person_profile_bump() returns trigger language plpgsql
      security definer set search_path = public as $$
      begin
        insert into "participation_ledger_version" as v ("tenant_id", "version")
          select distinct n."tenant_id", 1 from new_rows n join old_rows o on o."id" = n."id"
          where (n."tenant_id", n."person_number_hash") is distinct from (o."tenant_id", o."person_number_hash")
        on conflict ("tenant_id") do update set "version" = v."version" + 1;
        return null;
      end $$;`);
    this.addSql(`create trigger "person_profile_bump" after update on "person"
      referencing old table as old_rows new table as new_rows
      for each statement execute function person_profile_bump();`);
  }
}
