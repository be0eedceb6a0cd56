/**
 * A mutation's answer as errors beside the fields of a form. The graph answers a mutation with a typed result:
 * a ValidationError names each problem by its path in the arguments (["input", "personnummer"], ["exitedOn"]), which
 * names a field here; NotFound and Conflict errors, and issues no field owns, show above the form. After an
 * answer with errors, focus goes to the first field at fault (or the form's message) so a keyboard or screen reader
 * user lands on it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CombinedError } from 'urql';

/** A mutation's union result as the operations here select it. */
export interface MutationAnswer {
  __typename?: string;
  code?: string;
  message?: string;
  issues?: readonly { path: readonly string[]; message: string }[];
}

/** The server's messages are English; those a person meets in these forms, in Swedish. */
const MESSAGE: Record<string, string> = {
  'Personnummer is 12 digits, YYYYMMDD-NNNN': 'Ange personnumret med tolv siffror: ÅÅÅÅMMDD-NNNN.',
  'The date part is not a date': 'Personnumrets datumdel är inget datum.',
  'The date part is in the future': 'Personnumrets datumdel ligger i framtiden.',
  'The check digit does not match': 'Kontrollsiffran stämmer inte – kontrollera personnumret.',
  'With consent, give the personnummer or samordningsnummer':
    'Med samtycke anges personnummer eller samordningsnummer.',
  'An anonymous participation states kön': 'Ange kön för en anonym anvisning.',
  'An anonymous participation (no consent) keeps no identifying or background data':
    'Utan samtycke sparas inga identifierande uppgifter eller bakgrundsuppgifter.',
  'A kommun is its 4-digit SCB code': 'Ange hemkommunens fyrsiffriga kommunkod.',
  'You register referrals for your own insats': 'Du kan bara registrera anvisningar till dina egna insatser.',
  'No such insats in your förbund': 'Insatsen finns inte i ditt förbund.',
  'A rejection says why': 'Ange skälet till avslaget.',
  'The decision is before the referral': 'Beslutet kan inte ligga före anvisningen.',
  'Enrolment is before the referral': 'Inskrivningen kan inte ligga före anvisningen.',
  'The follow-up is before enrolment': 'Uppföljningen kan inte ligga före inskrivningen.',
  'The exit date is before enrolment': 'Avslutsdatumet kan inte ligga före inskrivningen.',
  'Give at least one outcome': 'Ange minst en avslutsorsak.',
  'Sent before the exit': 'Slutdokumentationen kan inte ha skickats före avslutet.',
  'An extension ends later than the planned end': 'Det nya slutdatumet måste ligga efter det planerade.',
  'Not an extension decision of the styrgrupp for this participation':
    'Välj styrgruppens beslut om förlängning för just detta deltagande.',
  'Only a referral awaiting decision can be decided': 'Anvisningen är redan beslutad.',
  'Only an accepted referral can be enrolled': 'Bara en beviljad anvisning kan skrivas in.',
  'Follow-ups are for enrolled participants': 'Uppföljning görs bara för inskrivna deltagare.',
  'Only an ongoing participation can be extended': 'Bara ett pågående deltagande kan förlängas.',
  'Only an ongoing participation can end': 'Bara ett pågående deltagande kan avslutas.',
  'Only after exit': 'Detta registreras efter avslutet.',
  'A requisition has at least one line': 'Ange minst ett belopp.',
  'A cost category is listed twice': 'Varje kostnadsslag får bara anges en gång.',
  'A requisition asks for more than 0 kr': 'Rekvisitionen måste avse mer än 0 kr.',
  'A requisition is sent after its period has begun': 'En rekvisition skickas först när perioden har börjat.',
  'Periods are 1–6': 'Välj en period 1–6.',
  'Give at least one source, or INGEN_OFFENTLIG_FORSORJNING':
    'Ange minst en försörjningskälla, eller Ingen offentlig försörjning.',
};

/** What the graph's error codes mean to the person filling in the form. */
const CODE: Record<string, string> = {
  NOT_FOUND: 'Uppgiften finns inte, eller så har du inte behörighet till den. Ladda om sidan och försök igen.',
  CONFLICT: 'Någon annan har ändrat uppgiften samtidigt. Ladda om sidan och försök igen.',
};

export const swedish = (message: string) =>
  MESSAGE[message] ??
  (/^Age \d+ is outside the insats' target group/.test(message)
    ? `Åldern ligger utanför insatsens målgrupp (${message.replace(/^.*target group /, '')} år).`
    : /^Period \d+ of \d+ is already requisitioned$/.test(message)
      ? 'Perioden har redan en rekvisition.'
      : /^The (6|18)-month follow-up is made from \d{4}-\d\d-\d\d on/.test(message)
        ? message.replace(
            /^The (\d+)-month follow-up is made from (\S+) on.*$/,
            'Uppföljningen efter $1 månader görs från och med $2.',
          )
        : /^Too (big|small)/.test(message)
          ? 'Värdet ligger utanför det tillåtna intervallet.'
          : message);

/** The field a path names: its last part that is not a list index (["input", "lines", "0", "amount"] → lines). */
function fieldOf(path: readonly string[], fields: readonly string[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const part = path[i] as string;
    if (fields.includes(part)) {
      return part;
    }
  }
  return FORM;
}

/** The key of messages no field owns. */
export const FORM = 'form';

/**
 * Errors for a form whose fields are `fields` (names as the graph's arguments call them). `show` takes a
 * mutation's result and its union answer, and says whether it succeeded.
 */
export function useFieldErrors(fields: readonly string[]) {
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Set with each answer that has errors, not while the person types.
  const [focus, setFocus] = useState<{ field: string; n: number } | null>(null);
  const formMessage = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (focus) {
      (focus.field === FORM ? formMessage.current : document.getElementById(`${id}-${focus.field}`))?.focus();
    }
  }, [focus, id]);

  const report = (found: Record<string, string>) => {
    setErrors(found);
    const field = fields.find((f) => found[f]) ?? FORM;
    setFocus((old) => ({ field, n: (old?.n ?? 0) + 1 }));
  };

  const show = (
    result: { error?: CombinedError | undefined },
    answer: MutationAnswer | null | undefined,
    success: string,
  ): boolean => {
    if (!result.error && answer?.__typename === success) {
      setErrors({});
      return true;
    }
    const found: Record<string, string> = {};
    const add = (field: string, message: string) => {
      found[field] = [found[field], message].filter(Boolean).join(' ');
    };
    if (result.error || !answer) {
      // A variable the schema refuses (an empty date) names its place: "… got invalid value "" at "input.referredOn"".
      const refused = result.error?.graphQLErrors
        .map((e) => /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;/.exec(e.message))
        .filter((m) => m !== null);
      if (refused?.length) {
        for (const [, variable, at] of refused) {
          add(fieldOf([variable ?? '', ...(at ?? '').split(/[.[\]]/)], fields), 'Ange ett giltigt värde.');
        }
      } else {
        add(
          FORM,
          result.error?.networkError ? 'Tjänsten kunde inte nås. Försök igen om en stund.' : failed(result.error),
        );
      }
    } else if (answer.issues?.length) {
      for (const issue of answer.issues) {
        add(fieldOf(issue.path, fields), swedish(issue.message));
      }
    } else {
      // A known message says what happened (a step someone else took: "Anvisningen är redan beslutad."); otherwise
      // the code says what to do.
      const known = answer.message ? MESSAGE[answer.message] : undefined;
      add(FORM, known ?? (answer.code && CODE[answer.code]) ?? swedish(answer.message ?? 'Något gick fel.'));
    }
    report(found);
    return false;
  };

  /** Problems found before asking the graph (a form that cannot be sent as it is). */
  const showLocal = report;

  return {
    errors,
    show,
    showLocal,
    clear: () => setErrors({}),
    /** The id of a field's input (a label's htmlFor). */
    idOf: (field: string) => `${id}-${field}`,
    /** What a field's input says of its error: invalid, and described by the message beside it. */
    aria: (field: string) =>
      errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {},
    /** The message beside a field (or above the form for FORM). */
    message: (field: string) =>
      errors[field] ? (
        <p
          className="field-error"
          id={`${id}-${field}-error`}
          ref={field === FORM ? formMessage : undefined}
          tabIndex={field === FORM ? -1 : undefined}
          role={field === FORM ? 'alert' : undefined}
        >
          {errors[field]}
        </p>
      ) : null,
  };
}

/** A refused request (not a typed answer): its errors in a sentence. */
function failed(error: CombinedError | undefined): string {
  const messages = error?.graphQLErrors.map((e) => swedish(e.message)) ?? [];
  return `Uppgifterna kunde inte sparas${messages.length ? `: ${messages.join(' ')}` : '.'}`;
}
