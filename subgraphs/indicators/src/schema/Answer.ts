/**
 * Answering: a respondent has a one-time code and nothing else — no token, no tenant. Both
 * fields here skip the type scopes and have none of their own, so the gateway's anonymous
 * identity reaches them. The anonymous request's EntityManager has no tenant, and the tenant
 * filter fails closed; so the code's round is found, and the answer stored, by two narrow
 * `security definer` functions in the database (see the migration), never through the ORM.
 */

import { errorObjectType } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray, sqlParameters } from '@finsam/kit/database.js';
import { parseAnswers, ResponseCodeError, submitOutcome, usableCode, valuesInItemOrder } from '../domain/answers.js';
import { hashResponseCode } from '../domain/response-codes.js';
import { Instrument } from '../entities/Instrument.js';
import { builder } from './builder.js';
import { InstrumentRef } from './Instrument.js';

errorObjectType(builder, ResponseCodeError, {
  description:
    'The svarskod cannot be used: INVALID_CODE (unknown or already used) or ROUND_CLOSED. Nothing was stored.',
});

const AnswerReceipt = builder.objectRef<{ accepted: true }>('AnswerReceipt').implement({
  description: 'The answer was stored, anonymously. The code no longer works.',
  fields: (t) => ({ accepted: t.exposeBoolean('accepted', { description: 'Always true: the answer is stored.' }) }),
});

const ItemAnswerInput = builder.inputType('ItemAnswerInput', {
  description: 'The answer to one statement of the questionnaire.',
  fields: (t) => ({
    itemId: t.id({ required: true, description: 'A statement of the questionnaire (from `questionnaire(code)`).' }),
    value: t.int({ required: true, description: "A value on the questionnaire's scale." }),
  }),
});

// Raw SQL without a tenant condition (`sqlParameters`, not `tenantSql`): the respondent is
// anonymous, so there is no tenant to bind. The code alone names its round, and the two
// `security definer` functions decide what the code may see and do.

/**
 * The code's questionnaire, if the code was issued (used or not: `response_code_round` reads every code
 * ever issued) and its round is open. Whether it is still unused only `submit_answer` decides, after the
 * answers were checked, so a used code and an unused one answer alike until an answer is stored.
 */
async function codeInstrument(ctx: SubgraphContext, code: string): Promise<Instrument | ResponseCodeError> {
  const { bind, build } = sqlParameters();
  const { sql, params } = build(
    `select "instrument_id", "is_open" from response_code_round(${bind(hashResponseCode(code))})`,
  );
  const [found] = await ctx.em.execute<{ instrument_id: string; is_open: boolean }[]>(sql, params);
  const usable = usableCode(found);
  if (usable instanceof ResponseCodeError) {
    return usable;
  }
  return ctx.em.findOneOrFail(Instrument, { id: usable.instrument_id }, { populate: ['items'] });
}

builder.queryField('questionnaire', (t) =>
  t.field({
    type: InstrumentRef,
    nullable: true,
    description:
      'The questionnaire a svarskod opens, for answering without signing in; null when no such code was ' +
      'issued or its round is not open. A used code shows its questionnaire just as an unused one does, so ' +
      'whoever holds the codes cannot tell from it who has answered.',
    skipTypeScopes: true,
    args: {
      code: t.arg.string({ required: true, description: 'The svarskod; case, spaces and dashes do not matter.' }),
    },
    resolve: async (_root, { code }, ctx) => {
      const found = await codeInstrument(ctx, code);
      return found instanceof ResponseCodeError ? null : found;
    },
  }),
);

builder.mutationField('answerSurvey', (t) =>
  t.field({
    type: AnswerReceipt,
    description:
      'Answers a questionnaire with a one-time svarskod; no sign-in. Stores round, insats and values only — ' +
      'nothing that ties the answer to the code, which stops working.',
    skipTypeScopes: true,
    args: {
      code: t.arg.string({ required: true, description: 'The svarskod; case, spaces and dashes do not matter.' }),
      answers: t.arg({
        type: [ItemAnswerInput],
        required: true,
        description: 'One value per statement; every required statement answered.',
      }),
    },
    errors: { types: [ResponseCodeError] },
    resolve: async (_root, { code, answers }, ctx) => {
      const instrument = await codeInstrument(ctx, code);
      if (instrument instanceof ResponseCodeError) {
        throw instrument;
      }
      const values = valuesInItemOrder(
        instrument.items.getItems(),
        instrument.scale,
        parseAnswers(answers.map((a) => ({ itemId: String(a.itemId), value: a.value }))),
      );
      // Integers checked above, so the array literal is safe; the function re-checks everything atomically.
      const { bind, build } = sqlParameters();
      const { sql, params } = build(
        `select submit_answer(${bind(hashResponseCode(code))}, ${bind(pgArray(values))}::integer[]) as "status"`,
      );
      const [result] = await ctx.em.execute<{ status: string }[]>(sql, params);
      return submitOutcome(result?.status);
    },
  }),
);
