/**
 * Answering: a respondent has a one-time code and nothing else — no token, no tenant. Both
 * fields here skip the type scopes and have none of their own, so the gateway's anonymous
 * identity reaches them. The anonymous request's EntityManager has no tenant, and the tenant
 * filter fails closed; so the code's round is found, and the answer stored, by two narrow
 * `security definer` functions in the database (see the migration), never through the ORM.
 */

import { errorObjectType } from '@finsam/kit/builder.js';
import type { SubgraphContext } from '@finsam/kit/context.js';
import { pgArray } from '@finsam/kit/database.js';
import { ValidationError, type ValidationIssue } from '@finsam/kit/errors.js';
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import { Instrument } from '../entities/Instrument.js';
import { hashResponseCode } from '../response-codes.js';
import { builder } from './builder.js';
import { InstrumentRef } from './Instrument.js';

const RESPONSE_CODE_ERRORS = {
  INVALID_CODE: 'The code is unknown or already used',
  ROUND_CLOSED: 'The survey round does not take answers now',
} as const;

class ResponseCodeError extends Error {
  constructor(readonly code: keyof typeof RESPONSE_CODE_ERRORS) {
    super(RESPONSE_CODE_ERRORS[code]);
    this.name = 'ResponseCodeError';
  }
}

errorObjectType(builder, ResponseCodeError, {
  description:
    'The svarskod cannot be used: INVALID_CODE (unknown or already used) or ROUND_CLOSED. Nothing was stored.',
});

const AnswerReceipt = builder.objectRef<{ accepted: true }>('AnswerReceipt').implement({
  description: 'The answer was stored, anonymously. The code no longer works.',
  fields: (t) => ({ accepted: t.exposeBoolean('accepted') }),
});

const ItemAnswerInput = builder.inputType('ItemAnswerInput', {
  fields: (t) => ({
    itemId: t.id({ required: true, description: 'A statement of the questionnaire (from `questionnaire(code)`).' }),
    value: t.int({ required: true, description: "A value on the questionnaire's scale." }),
  }),
});

/** The code's questionnaire, if the code is unused and its round is open. */
async function codeInstrument(ctx: SubgraphContext, code: string): Promise<Instrument | ResponseCodeError> {
  const [found] = await ctx.em.execute<{ instrument_id: string; is_open: boolean }[]>(
    'select "instrument_id", "is_open" from response_code_round(?)',
    [hashResponseCode(code)],
  );
  if (!found) {
    return new ResponseCodeError('INVALID_CODE');
  }
  if (!found.is_open) {
    return new ResponseCodeError('ROUND_CLOSED');
  }
  return ctx.em.findOneOrFail(Instrument, { id: found.instrument_id }, { populate: ['items'] });
}

const answerSchema = z
  .array(z.object({ itemId: z.string(), value: z.number().int() }))
  .min(1, 'Answer the questionnaire');

/** The values in item order, or every problem with the answer at its input path. */
function valuesInItemOrder(instrument: Instrument, answers: z.infer<typeof answerSchema>): (number | null)[] {
  const { min, max } = instrument.scale;
  const items = instrument.items.getItems();
  const values: (number | null)[] = items.map(() => null);
  const issues: ValidationIssue[] = [];
  answers.forEach(({ itemId, value }, i) => {
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) {
      issues.push({ path: ['answers', i, 'itemId'], message: 'Not a statement of this questionnaire' });
    } else if (values[index] !== null) {
      issues.push({ path: ['answers', i, 'itemId'], message: 'Answered twice' });
    } else if (value < min || value > max) {
      issues.push({ path: ['answers', i, 'value'], message: `The scale is ${min}–${max}` });
    } else {
      values[index] = value;
    }
  });
  items.forEach((item, index) => {
    if (item.required && values[index] === null && !answers.some((a) => a.itemId === item.id)) {
      issues.push({ path: ['answers'], message: `Statement ${item.position} needs an answer` });
    }
  });
  if (issues.length) {
    throw new ValidationError(issues);
  }
  return values;
}

builder.queryField('questionnaire', (t) =>
  t.field({
    type: InstrumentRef,
    nullable: true,
    description:
      'The questionnaire a svarskod opens, for answering without signing in; null when the code is unknown, used or its round is not open.',
    skipTypeScopes: true,
    args: { code: t.arg.string({ required: true }) },
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
      'Answers a questionnaire with a one-time svarskod; no sign-in. Stores round, insats and values only — nothing that ties the answer to the code, which stops working.',
    skipTypeScopes: true,
    args: {
      code: t.arg.string({ required: true }),
      answers: t.arg({ type: [ItemAnswerInput], required: true }),
    },
    errors: { types: [ResponseCodeError] },
    resolve: async (_root, { code, answers }, ctx) => {
      const instrument = await codeInstrument(ctx, code);
      if (instrument instanceof ResponseCodeError) {
        throw instrument;
      }
      const values = valuesInItemOrder(
        instrument,
        parseInput(
          answerSchema,
          answers.map((a) => ({ itemId: String(a.itemId), value: a.value })),
          ['answers'],
        ),
      );
      // Integers checked above, so the array literal is safe; the function re-checks everything atomically.
      const [result] = await ctx.em.execute<{ status: string }[]>('select submit_answer(?, ?::integer[]) as "status"', [
        hashResponseCode(code),
        pgArray(values),
      ]);
      if (result?.status === 'ACCEPTED') {
        return { accepted: true as const };
      }
      if (result?.status === 'INVALID_CODE' || result?.status === 'ROUND_CLOSED') {
        throw new ResponseCodeError(result.status);
      }
      throw new ValidationError([{ path: ['answers'], message: 'The answer does not fit the questionnaire' }]);
    },
  }),
);
