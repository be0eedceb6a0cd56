import { APP_ROLE } from '@finsam/kit/database.js';
import { tenantRowLevelSecurity } from '@finsam/kit/tenant.js';
import { Migration } from '@mikro-orm/migrations';

export class Migration20261123100000Surveys extends Migration {
  override name = 'Migration20261123100000Surveys';

  override up(): void {
    // National instruments: no tenant_id, hence no RLS; only platform administrators write them (API).
    this.addSql(`create table "instrument" (
      "id" uuid primary key,
      "respondent_group" text not null check ("respondent_group" in
        ('PARTICIPANT_ONGOING', 'PARTICIPANT_AT_EXIT', 'INTERVENTION_STAFF', 'BOARD_MEMBER', 'MANAGER', 'REFERRER')),
      "version" integer not null check ("version" >= 1),
      "name" text not null,
      "description" text not null,
      "scale" jsonb not null check (("scale"->>'max')::int > ("scale"->>'min')::int),
      "published_at" timestamptz null,
      "created_at" timestamptz not null,
      unique ("respondent_group", "version")
    );`);
    this.addSql(`create table "instrument_item" (
      "id" uuid primary key,
      "instrument_id" uuid not null references "instrument" ("id"),
      "position" integer not null check ("position" >= 1),
      "text" text not null,
      "indicator" integer not null check ("indicator" between 1 and 16),
      "required" boolean not null,
      unique ("instrument_id", "position")
    );`);
    // Question texts are fixed nationally: a published version never changes, a new version replaces it.
    this.addSql(`create function "instrument_published_immutable"() returns trigger language plpgsql as $$
      begin
        if tg_table_name = 'instrument' then
          if old."published_at" is not null then
            raise exception 'instrument % is published and cannot change; create a new version', old."id";
          end if;
        elsif exists (select 1 from "instrument" i where i."published_at" is not null
                      and i."id" in (new."instrument_id", old."instrument_id")) then
          raise exception 'the items of a published instrument cannot change; create a new version';
        end if;
        return coalesce(new, old);
      end $$;`);
    this.addSql(
      `create trigger "instrument_published_immutable" before update or delete on "instrument" ` +
        `for each row execute function "instrument_published_immutable"();`,
    );
    this.addSql(
      `create trigger "instrument_item_published_immutable" before insert or update or delete on "instrument_item" ` +
        `for each row execute function "instrument_published_immutable"();`,
    );

    this.addSql(`create table "survey_round" (
      "id" uuid primary key,
      "tenant_id" uuid not null,
      "instrument_id" uuid not null references "instrument" ("id"),
      "period_from" date not null check (extract(day from "period_from") = 1),
      "period_to" date not null check (extract(day from "period_to") = 1 and "period_to" >= "period_from"),
      "intervention_ids" text[] not null check (cardinality("intervention_ids") >= 1),
      "opens_at" timestamptz not null,
      "closes_at" timestamptz not null check ("closes_at" > "opens_at"),
      "minimum_n" integer not null default 5 check ("minimum_n" >= 1),
      "codes_issued" integer not null default 0,
      "created_at" timestamptz not null
    );`);
    this.addSql(`create index "survey_round_tenant_idx" on "survey_round" ("tenant_id", "period_from");`);

    this.addSql(`create table "response_code" (
      "code_hash" text primary key check ("code_hash" ~ '^[0-9a-f]{64}$'),
      "tenant_id" uuid not null,
      "round_id" uuid not null references "survey_round" ("id") on delete cascade,
      "intervention_id" uuid not null
    );`);
    this.addSql(`create index "response_code_round_idx" on "response_code" ("round_id", "intervention_id");`);

    // An answer: round, insats and the values in item order — nothing about the code or the time.
    this.addSql(`create table "answer" (
      "id" uuid primary key default gen_random_uuid(),
      "tenant_id" uuid not null,
      "round_id" uuid not null references "survey_round" ("id") on delete cascade,
      "intervention_id" uuid not null,
      "values" integer[] not null
    );`);
    this.addSql(`create index "answer_round_idx" on "answer" ("round_id", "intervention_id");`);

    for (const table of ['survey_round', 'response_code', 'answer']) {
      for (const sql of tenantRowLevelSecurity(table)) {
        this.addSql(sql);
      }
    }
    // Answers are written only by submit_answer; codes are only inserted (issued) and consumed there.
    this.addSql(`revoke insert, update, delete on "answer" from ${APP_ROLE};`);
    this.addSql(`revoke update, delete on "response_code" from ${APP_ROLE};`);

    // The answer path has a code and no tenant (the respondent is anonymous). These two narrow
    // functions run as the owner, which RLS does not bind, and touch only the code's own round.
    this.addSql(`create function "response_code_round"(p_code_hash text)
      returns table ("instrument_id" uuid, "is_open" boolean)
      language sql stable security definer set search_path = public, pg_temp as $$
        select r."instrument_id", now() >= r."opens_at" and now() < r."closes_at"
        from "response_code" c join "survey_round" r on r."id" = c."round_id"
        where c."code_hash" = p_code_hash
      $$;`);
    this.addSql(`create function "submit_answer"(p_code_hash text, p_values integer[]) returns text
      language plpgsql security definer set search_path = public, pg_temp as $$
      declare
        v_code "response_code"%rowtype;
        v_round "survey_round"%rowtype;
        v_scale jsonb;
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
        delete from "response_code" where "code_hash" = p_code_hash;
        insert into "answer" ("tenant_id", "round_id", "intervention_id", "values")
          values (v_code."tenant_id", v_code."round_id", v_code."intervention_id", p_values);
        return 'ACCEPTED';
      end $$;`);
    for (const fn of ['"response_code_round"(text)', '"submit_answer"(text, integer[])']) {
      this.addSql(`revoke all on function ${fn} from public;`);
      this.addSql(`grant execute on function ${fn} to ${APP_ROLE};`);
    }
  }
}
