import { builder } from './builder.js';

/** An insats, owned by teams; here only its id. SurveyResult.ts adds `indicatorResults`. */
export const InterventionRef = builder.externalRef('Intervention', builder.selection<{ id: string }>('id')).implement({
  externalFields: (t) => ({ id: t.id() }),
  fields: () => ({}),
});

export const intervention = (id: string) => ({ id });
