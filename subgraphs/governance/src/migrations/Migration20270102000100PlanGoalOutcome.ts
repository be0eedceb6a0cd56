import { Migration } from '@mikro-orm/migrations';

/**
 * A verksamhetsplan goal the platform can follow up from records: which computed outcome measures it
 * (participants computes it) and the target, in per cent (Västerås 2022: 80 % stegförflyttning, 80 %
 * at the same level or higher after 6 months, 90 % after 18). Both or neither.
 */
export class Migration20270102000100PlanGoalOutcome extends Migration {
  override name = 'Migration20270102000100PlanGoalOutcome';

  override up(): void {
    this.addSql(`alter table "plan_goal"
      add column "outcome_measure" text null check ("outcome_measure" in
        ('STEP_FORWARD_SHARE', 'SAME_OR_HIGHER_6_MONTHS', 'SAME_OR_HIGHER_18_MONTHS')),
      add column "target_percent" integer null check ("target_percent" between 0 and 100),
      add constraint "plan_goal_measure_with_target"
        check (("outcome_measure" is null) = ("target_percent" is null));`);
  }
}
