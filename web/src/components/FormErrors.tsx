/**
 * A form's errors, each beside the field it names: a mutation's ValidationError issues carry a path
 * (["input", "grant", "validTo"], ["input", "costLines", "2", "amount"]), which picks the field; the message shows
 * under that field, which points at it with aria-describedby and says aria-invalid. What names no field shows above
 * the form.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { inSwedish } from '../messages.js';

export interface Issue {
  readonly path: readonly string[];
  readonly message: string;
}

/** A mutation's answer when it is not its success type: every Error has a message; a ValidationError issues. */
export interface ErrorAnswer {
  readonly __typename: string;
  readonly message: string;
  readonly issues?: readonly Issue[];
}

/** What a ConflictError means for the person: someone else got there first; nothing was written. */
export const CONFLICT_MESSAGE =
  'Uppgiften har ändrats sedan du hämtade den – någon annan hann före. Inget sparades. ' + 'Ladda om och försök igen.';

export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const id = useId();
  const [errors, setErrors] = useState<Partial<Record<F | 'form', string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const errorId = (field: string) => `${id}-${field.replace(/\./g, '-')}-error`;
  // After a refusal, focus goes to the first field named (or the message above the form), so the keyboard and a
  // screen reader land where the problem is.
  useEffect(() => {
    if (Object.keys(errors).length === 0) {
      return;
    }
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field-error[role="alert"]');
    target?.focus();
  }, [errors]);
  const fieldOf = (path: readonly string[]): F | 'form' => {
    // A field of a list names its place: "contributions.2.amount" (the path without its leading argument name);
    // otherwise the closest named part of the path, e.g. "contributions" for the list as a whole.
    const parts = path[0] === 'input' ? path.slice(1) : path;
    for (let n = parts.length; n > 0; n--) {
      const key = parts.slice(0, n).join('.');
      const found = fields.find((f) => f === key);
      if (found) {
        return found;
      }
    }
    // The last name that is a field: an index (["interventionIds", "0"]) belongs to the list before it.
    const named = [...parts].reverse().find((p) => !/^\d+$/.test(p));
    return fields.find((f) => f === named) ?? 'form';
  };
  return {
    errors,
    /** The form's element: the first field in error is focused there. */
    formRef,
    clear: () => setErrors({}),
    /** One message on one field (or above the form), e.g. a check made before asking the graph. */
    set: (field: F | 'form', message: string) => setErrors({ [field]: message } as Partial<Record<F | 'form', string>>),
    /** A mutation's typed error: each issue at its field, a conflict as the message to reload. */
    fromAnswer(answer: ErrorAnswer) {
      if (answer.__typename === 'ConflictError') {
        setErrors({ form: CONFLICT_MESSAGE } as Partial<Record<F | 'form', string>>);
        return;
      }
      const found: Partial<Record<F | 'form', string>> = {};
      for (const issue of answer.issues?.length ? answer.issues : [{ path: [], message: answer.message }]) {
        const field = fieldOf(issue.path);
        found[field] = [found[field], inSwedish(issue.message)].filter(Boolean).join(' ');
      }
      setErrors(found);
    },
    /** aria-invalid and aria-describedby for a field's input. */
    inputProps: (field: F) => ({
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': errors[field] ? errorId(field) : undefined,
    }),
    /** The message under a field (or, for 'form', above the fields). */
    text: (field: F | 'form') =>
      errors[field] ? (
        <p
          className="field-error"
          id={errorId(field)}
          role={field === 'form' ? 'alert' : undefined}
          tabIndex={field === 'form' ? -1 : undefined}
        >
          {errors[field]}
        </p>
      ) : null,
  };
}
