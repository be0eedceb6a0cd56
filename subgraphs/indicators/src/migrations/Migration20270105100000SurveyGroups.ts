import { Migration } from '@mikro-orm/migrations';

/**
 * Rounds for every respondent group (issue 20): a board, managers' or referrers' round belongs to the förbund, or
 * to a body it names, and covers no insats. Its codes and answers carry the nil UUID as their unit
 * (domain/survey-round.ts `FORBUND_UNIT`), so `submit_answer`, the batches and the results' SQL stay as they are.
 */
export class Migration20270105100000SurveyGroups extends Migration {
  override name = 'Migration20270105100000SurveyGroups';

  override up(): void {
    this.addSql(`alter table "survey_round" drop constraint "survey_round_intervention_ids_check";`);
    this.addSql(`alter table "survey_round" add column "body" text null
      check ("body" is null or length("body") between 2 and 200);`);
    // An insats round names its insatser; a round without insatser is one unit, the förbund (or the body).
    this.addSql(`alter table "survey_round" add constraint "survey_round_body_without_insatser"
      check ("body" is null or cardinality("intervention_ids") = 0);`);
  }
}
