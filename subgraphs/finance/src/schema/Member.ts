import { builder } from './builder.js';

/** A förbund member, owned by governance; here only its id. */
export const MemberRef = builder.externalRef('Member', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});
