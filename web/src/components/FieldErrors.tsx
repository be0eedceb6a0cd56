/**
 * A mutation's answer as errors beside the fields of a form, for every form of the client. The graph answers a
 * mutation with a typed result: a ValidationError names each problem by its path in the arguments (["input",
 * "personnummer"], ["exitedOn"], ["input", "contributions", "2", "amount"]), which names a field here; the message
 * shows under that field, whose input says aria-invalid and points at it with aria-describedby. NotFound and
 * Conflict errors, and issues no field owns, show above the form. After an answer with errors, focus goes to the
 * first field at fault (or the form's message) so a keyboard or screen reader user lands on it.
 */
import { useEffect, useId, useState } from 'react';
import type { CombinedError } from 'urql';
import { graphql } from '../gql/index.js';
import { CODE_ADVICE, inSwedish, known } from '../messages.js';

/**
 * What every mutation selects of its errors (`...MutationErrors` in its result), written once: the code and message
 * of any Error, and a ValidationError's issues, each at its path.
 */
export const MutationErrorsFragment = graphql(`
  fragment MutationErrors on Error {
    code
    message
    ... on ValidationError {
      issues {
        path
        message
      }
    }
  }
`);

/** A mutation's union result as the operations here select it. */
export interface MutationAnswer {
  __typename?: string;
  code?: string;
  message?: string;
  issues?: readonly { path: readonly string[]; message: string }[];
}

/** The key of messages no field owns. */
export const FORM = 'form';

/**
 * The field a path names. A field of a list names its place ("contributions.2.amount", the path without its leading
 * argument name); otherwise the last named part of the path that is a field (["input", "lines", "0", "amount"] →
 * "lines" where only the list is a field).
 */
function fieldOf(path: readonly string[], fields: readonly string[]): string {
  const parts = (path[0] === 'input' ? path.slice(1) : path).filter(Boolean);
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('.');
    if (fields.includes(key)) {
      return key;
    }
  }
  return [...parts].reverse().find((p) => fields.includes(p)) ?? FORM;
}

/** A refused request (not a typed answer): its errors in a sentence. */
function failed(error: CombinedError | undefined): string {
  if (error?.networkError) {
    return 'Tjänsten kunde inte nås. Försök igen om en stund.';
  }
  const messages = error?.graphQLErrors.map((e) => inSwedish(e.message)) ?? [];
  return `Uppgifterna kunde inte sparas${messages.length ? `: ${messages.join(' ')}` : '.'}`;
}

/**
 * Errors for a form whose fields are `fields` (names as the graph's arguments call them; a list's place as
 * "costLines.0.amount"). `show` takes a mutation's result and its union answer, and says whether it succeeded
 * (the answer is then its success type).
 */
export function useFieldErrors(fields: readonly string[]) {
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Set with each answer that has errors, not while the person types.
  const [focus, setFocus] = useState<{ field: string; n: number } | null>(null);
  const errorId = (field: string) => `${id}-${field}-error`;

  useEffect(() => {
    if (!focus) {
      return;
    }
    // The input (or group) the message describes; where that cannot take focus, the message itself.
    const message = document.getElementById(`${id}-${focus.field}-error`);
    const input =
      focus.field === FORM
        ? null
        : document.querySelector<HTMLElement>(`[aria-describedby~="${id}-${focus.field}-error"]`);
    input?.focus();
    if (!input || document.activeElement !== input) {
      message?.focus();
    }
  }, [focus, id]);

  const report = (found: Record<string, string>) => {
    setErrors(found);
    const field = fields.find((f) => found[f]) ?? FORM;
    setFocus((old) => ({ field, n: (old?.n ?? 0) + 1 }));
  };

  const show = <A extends MutationAnswer, S extends string>(
    result: { error?: CombinedError | undefined },
    answer: A | null | undefined,
    success: S,
  ): answer is Extract<A, { __typename?: S }> => {
    if (!result.error && answer?.__typename === success) {
      setErrors({});
      return true;
    }
    const found: Record<string, string> = {};
    const add = (field: string, message: string) => {
      found[field] = [found[field], message].filter(Boolean).join(' ');
    };
    // A variable the schema refuses (an empty date) names its place: "… got invalid value "" at "input.referredOn"".
    const refused = result.error?.graphQLErrors
      .map((e) => /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;/.exec(e.message))
      .filter((m) => m !== null);
    if (refused?.length) {
      for (const [, variable, at] of refused) {
        add(fieldOf([variable ?? '', ...(at ?? '').split(/[.[\]]/)], fields), 'Ange ett giltigt värde.');
      }
    } else if (result.error || !answer) {
      add(FORM, failed(result.error));
    } else if (answer.issues?.length) {
      for (const issue of answer.issues) {
        add(fieldOf(issue.path, fields), inSwedish(issue.message));
      }
    } else {
      // A known message says what happened (a step someone else took: "Anvisningen är redan beslutad."); otherwise
      // the code says what to do.
      const message = answer.message ?? 'Något gick fel.';
      add(FORM, known(message) ?? (answer.code && CODE_ADVICE[answer.code]) ?? message);
    }
    report(found);
    return false;
  };

  return {
    errors,
    show,
    /** Problems found before asking the graph (a form that cannot be sent as it is), by field. */
    showLocal: report,
    clear: () => setErrors({}),
    /** The id of a field's input (a label's htmlFor). */
    idOf: (field: string) => `${id}-${field}`,
    /** What a field's input says of its error: invalid, and described by the message beside it. */
    aria: (field: string) => ({
      'aria-invalid': errors[field] ? (true as const) : undefined,
      'aria-describedby': errors[field] ? errorId(field) : undefined,
    }),
    /** The message beside a field (or above the form for FORM). */
    message: (field: string) =>
      errors[field] ? (
        <p className="field-error" id={errorId(field)} tabIndex={-1} role={field === FORM ? 'alert' : undefined}>
          {errors[field]}
        </p>
      ) : null,
  };
}

/** What `useFieldErrors` gives a form, for the parts of a form that show its errors. */
export type FieldErrors = ReturnType<typeof useFieldErrors>;
