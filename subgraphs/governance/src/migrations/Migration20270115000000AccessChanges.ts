import { Migration } from '@mikro-orm/migrations';

/**
 * Every committed change of who may do what is announced on the channel `finsam_access` of this
 * database, so each gateway instance forgets the access answers it keeps at once (gateway
 * src/access.ts), whichever path wrote it: a mutation through any gateway instance, a merger, a
 * claimed invitation, an operator's SQL. PostgreSQL delivers a notification only when its
 * transaction commits, and one per distinct payload per transaction.
 *
 * The payload is `{"userId": "<id>"}` when one person's access changed (their grants, their
 * removal), `{"userId": null}` when anyone's may have: a förbund (its name picks the default), a
 * county, a trusted issuer, a body or a styrgrupp seat. A grant claimed at sign-in (`resolveAccess`
 * claims before it reads the person's grants) is `{"userId": "<id>", "claimed": true}`: answers kept
 * before it lack the grant, while every question asked since claims first, so its answer has it.
 */
export class Migration20270115000000AccessChanges extends Migration {
  override name = 'Migration20270115000000AccessChanges';

  override up(): void {
    this.addSql(`create function "notify_access_of_person"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'INSERT' and old."user_id" is not null then
          perform pg_notify('finsam_access', json_build_object('userId', old."user_id")::text);
        end if;
        if tg_op = 'UPDATE' and old."user_id" is null and new."user_id" is not null then
          -- Claimed at sign-in: only answers asked before it lack the grant.
          perform pg_notify('finsam_access', json_build_object('userId', new."user_id", 'claimed', true)::text);
        elsif tg_op <> 'DELETE' and new."user_id" is not null then
          perform pg_notify('finsam_access', json_build_object('userId', new."user_id")::text);
        end if;
        return null;
      end $$;`);
    this.addSql(`create function "notify_access_of_removed_person"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('finsam_access', json_build_object('userId', old."id")::text);
        return null;
      end $$;`);
    this.addSql(`create function "notify_access_of_everyone"() returns trigger language plpgsql as $$
      begin
        perform pg_notify('finsam_access', '{"userId":null}');
        return null;
      end $$;`);
    for (const table of ['access_grant', 'platform_grant']) {
      this.addSql(`create trigger "${table}_access_changed" after insert or update or delete on "${table}"
        for each row execute function "notify_access_of_person"();`);
    }
    this.addSql(`create trigger "directory_user_access_changed" after delete on "directory_user"
      for each row execute function "notify_access_of_removed_person"();`);
    for (const table of ['forbund', 'county', 'trusted_issuer', 'body', 'body_member']) {
      this.addSql(`create trigger "${table}_access_changed" after insert or update or delete or truncate on "${table}"
        for each statement execute function "notify_access_of_everyone"();`);
    }
  }
}
