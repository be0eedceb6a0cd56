import { defineEntity, p } from '@mikro-orm/core';

/**
 * An OpenID Connect issuer the gateway accepts tokens from, and for which förbund its users may
 * hold access. Platform-level: no tenant.
 */
const TrustedIssuerSchema = defineEntity({
  name: 'TrustedIssuer',
  tableName: 'trusted_issuer',
  properties: {
    id: p.uuid().primary(),
    /** Exactly as tokens carry it in `iss`. */
    issuer: p.text().unique(),
    audience: p.text(),
    algorithms: p.array(),
    /** The förbund whose access its users may hold; null for every förbund. */
    forbundIds: p.array().columnType('uuid[]').nullable(),
    /** Its users may hold platform access (administrator, county analyst). */
    platform: p.boolean(),
    createdAt: p.datetime(),
  },
});

export class TrustedIssuer extends TrustedIssuerSchema.class {}
TrustedIssuerSchema.setClass(TrustedIssuer);
