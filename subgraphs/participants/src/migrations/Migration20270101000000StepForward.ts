import { Migration } from '@mikro-orm/migrations';

/**
 * Stegförflyttning as the Årsrapport defines it (DOMAIN.md): "fortsatt aktiv rehabilitering utan
 * behov av samordnat stöd" (FORTSATT_REHABILITERING) is a step forward too. The rule moves into one
 * SQL function, `participation_step_forward`, mirroring STEP_FORWARD in domain/figures.ts
 * (test/fidelity-figures.test.ts checks they agree); the ledger's trigger function is replaced to
 * call it, and the ledger is counted again from the participations (Migration20261123000000 keeps
 * the same statement, with the old list).
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
      -- Stegförflyttning, once per exit however many outcomes are steps (domain/figures.ts).
      case when participation_step_forward("outcomes") then s else 0 end
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

export class Migration20270101000000StepForward extends Migration {
  override name = 'Migration20270101000000StepForward';

  override up(): void {
    this.addSql(`create function participation_step_forward(outcomes text[]) returns boolean
      language sql immutable parallel safe as $$
      select outcomes && array['ARBETE_UTAN_STOD', 'ARBETE_MED_STOD', 'STUDIER', 'AKTIVT_ARBETSSOKANDE',
        'FORTSATT_REHABILITERING'] $$;`);
    this.addSql(`create or replace function participation_ledger_apply() returns trigger language plpgsql
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
    // Counted again: the ledger is a function of the participations, so a fresh count is the same as
    // applying every change since with the new rule.
    this.addSql(`delete from "participation_half_year";`);
    this.addSql(`${CONTRIBUTIONS(`select "participation".*, 1 as s from "participation"`)};`);
  }
}
