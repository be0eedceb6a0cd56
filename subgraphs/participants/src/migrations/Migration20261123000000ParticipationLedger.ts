import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Yearly figures kept as participations change, so a year report reads a few rows per insats
 * instead of a year of participations (at national scale the county report scanned ~200 000).
 *
 * The ledger holds, per insats and half-year (bucket = 1 January or 1 July), how many were
 * enrolled and how many exited, by dimension (ALL, KON, REFERRER, HEMKOMMUN, OUTCOME). Every
 * report period is whole half-years, so for a period [from, to]:
 *   new    = enrolled in buckets from … to
 *   exited = exited in buckets from … to
 *   total  = enrolled in buckets ≤ to − exited in buckets < from
 * (active in the period = enrolled by its end and not exited before its start; an exit never
 * precedes its enrolment). Statement-level triggers apply each statement's rows, old ones
 * subtracted and new ones added, so an import of a million rows is one set-based update.
 * Only the triggers write the ledger: the app role may read it, under the same RLS as the rows.
 */
const CONTRIBUTIONS = (source: string) => `
  -- Only enrolled participations count; those never enrolled add nothing.
  with r as (select * from (${source}) as src where "enrolled_on" is not null),
  c as (
    select "tenant_id", "intervention_id", participation_half_year_of("enrolled_on") as h, 'ALL' as dim, '' as key,
      s as n_new, 0 as n_exited, case when "age_at_referral" is not null then s else 0 end as age_n,
      s * coalesce("age_at_referral", 0) as age_sum, 0 as step
      from r
    union all select "tenant_id", "intervention_id", participation_half_year_of("enrolled_on"),
      'KON', "kon", s, 0, 0, 0, 0 from r
    union all select "tenant_id", "intervention_id", participation_half_year_of("enrolled_on"),
      'REFERRER', "referrer_unit", s, 0, 0, 0, 0 from r
    union all select "tenant_id", "intervention_id", participation_half_year_of("enrolled_on"),
      'HEMKOMMUN', "hemkommun", s, 0, 0, 0, 0 from r where "hemkommun" is not null
    union all select "tenant_id", "intervention_id", participation_half_year_of("exited_on"), 'ALL', '', 0, s, 0, 0,
      -- A step towards work or studies (STEP_FORWARD in domain/figures.ts; test/reports.test.ts checks they agree).
      case when "outcomes" && array['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE']
        then s else 0 end
      from r where "exited_on" is not null
    union all select "tenant_id", "intervention_id", participation_half_year_of("exited_on"),
      'KON', "kon", 0, s, 0, 0, 0 from r where "exited_on" is not null
    union all select "tenant_id", "intervention_id", participation_half_year_of("exited_on"),
      'HEMKOMMUN', "hemkommun", 0, s, 0, 0, 0 from r where "exited_on" is not null and "hemkommun" is not null
    union all select "tenant_id", "intervention_id", participation_half_year_of("exited_on"),
      'OUTCOME', o, 0, s, 0, 0, 0 from r cross join lateral unnest(r."outcomes") as o where "exited_on" is not null
  )
  insert into "participation_half_year" as l
    ("tenant_id", "intervention_id", "half_year", "dim", "key", "new", "exited", "age_n", "age_sum", "step_forward")
  select "tenant_id", "intervention_id", h, dim, key, sum(n_new), sum(n_exited), sum(age_n), sum(age_sum), sum(step)
    from c group by 1, 2, 3, 4, 5
  -- An update that moves nothing (most do: follow-ups, documentation) writes nothing.
  having sum(n_new) <> 0 or sum(n_exited) <> 0 or sum(age_n) <> 0 or sum(age_sum) <> 0 or sum(step) <> 0
  on conflict ("tenant_id", "intervention_id", "dim", "key", "half_year") do update set
    "new" = l."new" + excluded."new", "exited" = l."exited" + excluded."exited", "age_n" = l."age_n" + excluded."age_n",
    "age_sum" = l."age_sum" + excluded."age_sum", "step_forward" = l."step_forward" + excluded."step_forward"`;

export class Migration20261123000000ParticipationLedger extends Migration {
  override name = 'Migration20261123000000ParticipationLedger';

  override up(): void {
    this.addSql(`create function participation_half_year_of(d date) returns date language sql immutable parallel safe
      as $$ select make_date(extract(year from d)::int, case when extract(month from d) < 7 then 1 else 7 end, 1) $$;`);
    this.addSql(`create table "participation_half_year" (
      "tenant_id" uuid not null,
      "intervention_id" uuid not null,
      "half_year" date not null check (extract(day from "half_year") = 1 and extract(month from "half_year") in (1, 7)),
      "dim" text not null check ("dim" in ('ALL', 'KON', 'REFERRER', 'HEMKOMMUN', 'OUTCOME')),
      "key" text not null,
      "new" integer not null,
      "exited" integer not null,
      "age_n" integer not null,
      "age_sum" integer not null,
      "step_forward" integer not null,
      primary key ("tenant_id", "intervention_id", "dim", "key", "half_year")
    );`);
    for (const sql of tenantRowLevelSecurity('participation_half_year')) {
      this.addSql(sql);
    }
    this.addSql(`revoke insert, update, delete, truncate on "participation_half_year" from finsam_app;`);
    this.addSql(`${CONTRIBUTIONS(`select "participation".*, 1 as s from "participation"`)};`);
    // Security definer: the ledger is written as its owner, whoever changed the participations.
    this.addSql(`create function participation_ledger_apply() returns trigger language plpgsql
      security definer set search_path = public as $$
      begin
        if TG_OP = 'INSERT' then
          ${CONTRIBUTIONS(`select n.*, 1 as s from new_rows n`)};
        elsif TG_OP = 'UPDATE' then
          ${CONTRIBUTIONS(`select n.*, 1 as s from new_rows n union all select o.*, -1 from old_rows o`)};
        else
          ${CONTRIBUTIONS(`select o.*, -1 as s from old_rows o`)};
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger "participation_ledger_insert" after insert on "participation"
      referencing new table as new_rows
      for each statement execute function participation_ledger_apply();`);
    this.addSql(`create trigger "participation_ledger_update" after update on "participation"
      referencing old table as old_rows new table as new_rows
      for each statement execute function participation_ledger_apply();`);
    this.addSql(`create trigger "participation_ledger_delete" after delete on "participation"
      referencing old table as old_rows
      for each statement execute function participation_ledger_apply();`);
  }
}
