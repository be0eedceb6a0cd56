import { createBuilder } from '@finsam/kit/builder.js';
import { normaliseOrganisationNumber } from '../domain/registry.js';

/** What the input of `createCounty`, `createForbund` or `registerTrustedIssuer` named. */
const named = (args: Record<string, unknown>, field: string) =>
  String((args.input as Record<string, unknown> | undefined)?.[field] ?? '').trim();

/** The governance subgraph's builder; every file in this folder adds its type to it. */
export const builder = createBuilder({
  // What a client is told when one of these refuses a write, whether a second request came later or
  // at the same moment (kit/conflicts.ts).
  constraints: {
    forbund_slug_key: { path: ['input', 'slug'], message: (args) => `Slug "${named(args, 'slug')}" is taken` },
    forbund_organisation_number_key: {
      path: ['input', 'organisationNumber'],
      message: (args) =>
        `Organisationsnummer ${normaliseOrganisationNumber(named(args, 'organisationNumber'))} is registered ` +
        'to another förbund',
    },
    county_name_key: {
      path: ['input', 'name'],
      message: (args) => `A county named "${named(args, 'name')}" exists`,
    },
    trusted_issuer_issuer_key: {
      path: ['input', 'issuer'],
      message: 'Registered by someone else meanwhile; read it and try again',
    },
    body_one_steering_group: { path: ['input', 'interventionId'], message: 'The insats already has a styrgrupp' },
  },
});
