import { builder } from './builder.js';

/** `Forbund` is owned by governance; finance adds its budgets and statements (Budget.ts, FinancialStatement.ts). */
export const ForbundRef = builder.externalRef('Forbund', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});
