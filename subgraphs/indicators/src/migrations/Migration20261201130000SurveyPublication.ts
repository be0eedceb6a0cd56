import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

/**
 * Surveys unlinkable (issue 16, domain/publication.ts):
 * - answers are published in batches: each answer joins its (round, insats)'s open batch, and a batch
 *   shows in results once it holds the round's minimum n of answers, so no single answer moves a figure;
 * - `issued_code` keeps every code ever issued (its hash, round and insats) and never changes, so the
 *   questionnaire of a code is found whether or not it was used; `response_code` stays the set of unused
 *   codes, deleted on use as before.
 */
export class Migration20261201130000SurveyPublication extends Migration {
  override name = 'Migration20261201130000SurveyPublication';

  override up(): void {
    // Answers already stored form one batch per (round, insats): what was shown before stays shown.
    this.addSql(`alter table "answer" add column "batch" integer not null default 1 check ("batch" >= 1);`);
    this.addSql(`alter table "answer" alter column "batch" drop default;`);
    this.addSql(`create index "answer_batch_idx" on "answer" ("round_id", "intervention_id", "batch");`);

    this.addSql(`create table "issued_code" (
      "code_hash" text primary key check ("code_hash" ~ '^[0-9a-f]{64}$'),
      "tenant_id" uuid not null,
      "round_id" uuid not null references "survey_round" ("id") on delete cascade,
      "intervention_id" uuid not null
    );`);
    for (const sql of tenantRowLevelSecurity('issued_code')) {
      this.addSql(sql);
    }
    // Only the functions below read or write it: the app role has no right on it at all.
    this.addSql(`revoke all on "issued_code" from ${APP_ROLE};`);
    this.addSql(`insert into "issued_code" select "code_hash", "tenant_id", "round_id", "intervention_id"
      from "response_code";`);
    this.addSql(`create function "remember_issued_code"() returns trigger
      language plpgsql security definer set search_path = public, pg_temp as $$
      begin
        insert into "issued_code" ("code_hash", "tenant_id", "round_id", "intervention_id")
          values (new."code_hash", new."tenant_id", new."round_id", new."intervention_id");
        return new;
      end $$;`);
    this.addSql(`revoke all on function "remember_issued_code"() from public;`);
    this.addSql(
      `create trigger "response_code_issued" after insert on "response_code" ` +
        `for each row execute function "remember_issued_code"();`,
    );

    // The questionnaire of any issued code, used or not: the answer must not tell who has answered.
    this.addSql(`create or replace function "response_code_round"(p_code_hash text)
      returns table ("instrument_id" uuid, "is_open" boolean)
      language sql stable security definer set search_path = public, pg_temp as $$
        select r."instrument_id", now() >= r."opens_at" and now() < r."closes_at"
        from "issued_code" c join "survey_round" r on r."id" = c."round_id"
        where c."code_hash" = p_code_hash
      $$;`);

    this.addSql(`create or replace function "submit_answer"(p_code_hash text, p_values integer[]) returns text
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        v_code "response_code"%rowtype;
        v_round "survey_round"%rowtype;
        v_scale jsonb;
        v_batch integer;
        v_size integer;
      begin
        -- The row lock makes a second use of the same code wait, then find nothing.
        select * into v_code from "response_code" where "code_hash" = p_code_hash for update;
        if not found then return 'INVALID_CODE'; end if;
        select * into v_round from "survey_round" where "id" = v_code."round_id";
        if now() < v_round."opens_at" or now() >= v_round."closes_at" then return 'ROUND_CLOSED'; end if;
        select "scale" into v_scale from "instrument" where "id" = v_round."instrument_id";
        if coalesce(cardinality(p_values), 0)
             <> (select count(*) from "instrument_item" where "instrument_id" = v_round."instrument_id")
           or exists (select 1 from "instrument_item" i where i."instrument_id" = v_round."instrument_id" and (
             (p_values[i."position"] is null and i."required")
             or p_values[i."position"] < (v_scale->>'min')::int or p_values[i."position"] > (v_scale->>'max')::int))
        then return 'INVALID_ANSWER'; end if;
        -- One answer at a time per (round, insats), so every batch fills to exactly the minimum n.
        perform pg_advisory_xact_lock(hashtextextended(v_code."round_id"::text || '/' || v_code."intervention_id", 0));
        select "batch", count(*) into v_batch, v_size from "answer"
          where "round_id" = v_code."round_id" and "intervention_id" = v_code."intervention_id"
          group by "batch" order by "batch" desc limit 1;
        -- domain/publication.ts nextBatch: the open batch, or a new one once the last is full.
        if v_batch is null then v_batch := 1;
        elsif v_size >= v_round."minimum_n" then v_batch := v_batch + 1;
        end if;
        delete from "response_code" where "code_hash" = p_code_hash;
        insert into "answer" ("tenant_id", "round_id", "intervention_id", "values", "batch")
          values (v_code."tenant_id", v_code."round_id", v_code."intervention_id", p_values, v_batch);
        return 'ACCEPTED';
      end $$;`);
  }
}
