import { defineEntity, p } from '@mikro-orm/core';

/**
 * A person who has signed in, as their identity provider names them (issuer + subject).
 * Platform-level: no tenant. Reached only by the gateway (`resolveAccess`) and platform
 * administrators, and by a förbund through the grants its people hold.
 */
const DirectoryUserSchema = defineEntity({
  name: 'DirectoryUser',
  tableName: 'directory_user',
  properties: {
    id: p.uuid().primary(),
    /** The OIDC issuer (`iss`) exactly as its tokens carry it. */
    issuer: p.text(),
    /** The issuer's stable id of the person (`sub`). */
    subject: p.text(),
    /** The last verified e-mail address the issuer gave, lower-case; null until one was verified. */
    email: p.text().nullable(),
    name: p.text().nullable(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
  },
  uniques: [{ properties: ['issuer', 'subject'] }],
});

export class DirectoryUser extends DirectoryUserSchema.class {}
DirectoryUserSchema.setClass(DirectoryUser);
