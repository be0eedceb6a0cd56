import { Migration } from '@mikro-orm/migrations';

/**
 * One förbund per organisationsnummer: a unique index decides, so two registrations at the same
 * moment cannot both pass, and the loser's violation is a `ConflictError` at the field (the
 * builder's `constraints`). Numbers are stored normalised (NNNNNN-NNNN), so equal numbers are equal text.
 */
export class Migration20270107000000UniqueOrganisationNumber extends Migration {
  override name = 'Migration20270107000000UniqueOrganisationNumber';

  override up(): void {
    this.addSql(`create unique index "forbund_organisation_number_key" on "forbund" ("organisation_number");`);
  }
}
