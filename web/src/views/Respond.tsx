/**
 * Answering an indikatorenkät with a svarskod, without logging in (/app/svara): the code opens its questionnaire,
 * one statement at a time down the page (made for a phone), every value of the scale a labelled radio button.
 * The answer is stored anonymously and the code stops working; a used code, an unknown one and a closed round each
 * get their own plain message. Nothing here knows who answers: the requests carry no token.
 */
import { type FormEvent, useId, useState } from 'react';
import { Provider, useClient, useMutation } from 'urql';
import type { QuestionnaireQuery } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { anonymousClient } from '../graph.js';

const QuestionnaireQueryDoc = graphql(`
  query Questionnaire($code: String!) {
    questionnaire(code: $code) {
      id
      name
      description
      scale {
        labels {
          value
          label
        }
      }
      items {
        id
        position
        text
        required
      }
    }
  }
`);

const AnswerMutation = graphql(`
  mutation AnswerSurvey($code: String!, $answers: [ItemAnswerInput!]!) {
    answerSurvey(code: $code, answers: $answers) {
      __typename
      ... on MutationAnswerSurveySuccess {
        data {
          accepted
        }
      }
      ... on Error {
        code
      }
      ... on ValidationError {
        issues {
          path
          message
        }
      }
    }
  }
`);

/** What a respondent is told when a code cannot be used. */
const CODE_MESSAGE: Record<string, string> = {
  INVALID_CODE: 'Koden är redan använd eller finns inte. Varje kod kan bara användas en gång.',
  ROUND_CLOSED: 'Enkäten är stängd och tar inte emot fler svar.',
  UNKNOWN: 'Koden fungerar inte: den finns inte, eller så är enkäten inte öppen just nu. Kontrollera koden.',
};

type Questionnaire = NonNullable<QuestionnaireQuery['questionnaire']>;

export function Respond({ graphqlUrl }: { graphqlUrl: string }) {
  const [client] = useState(() => anonymousClient(graphqlUrl));
  return (
    <Provider value={client}>
      <main id="main" className="respond">
        <h1>Svara på enkäten</h1>
        <RespondForm />
      </main>
    </Provider>
  );
}

function RespondForm() {
  const client = useClient();
  const codeId = useId();
  const [code, setCode] = useState(() => new URLSearchParams(window.location.search).get('kod') ?? '');
  const [questionnaire, setQuestionnaire] = useState<Questionnaire | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  const open = async (e: FormEvent) => {
    e.preventDefault();
    setOpening(true);
    setProblem(null);
    const res = await client.query(QuestionnaireQueryDoc, { code: code.trim() }, { requestPolicy: 'network-only' });
    setOpening(false);
    if (res.error) {
      setProblem('Tjänsten kunde inte nås. Försök igen om en stund.');
    } else if (!res.data?.questionnaire) {
      setProblem(CODE_MESSAGE.UNKNOWN!);
    } else {
      setQuestionnaire(res.data.questionnaire);
    }
  };

  if (questionnaire) {
    return <Answer code={code.trim()} questionnaire={questionnaire} />;
  }
  return (
    <form onSubmit={open} className="respond-code">
      <p>
        Skriv in koden du har fått. Du svarar anonymt: svaret sparas utan koden, och koden kan bara användas en gång.
      </p>
      <label htmlFor={codeId}>Svarskod</label>
      <input
        id={codeId}
        value={code}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
        required
      />
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" disabled={opening || !code.trim()}>
        Öppna enkäten
      </button>
    </form>
  );
}

function Answer({ code, questionnaire }: { code: string; questionnaire: Questionnaire }) {
  const [values, setValues] = useState<Record<string, number>>({});
  const [{ fetching }, send] = useMutation(AnswerMutation);
  const [outcome, setOutcome] = useState<{ done: boolean; message: string } | null>(null);
  const [missing, setMissing] = useState<number[]>([]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const unanswered = questionnaire.items
      .filter((i) => i.required && values[i.id] === undefined)
      .map((i) => i.position);
    setMissing(unanswered);
    if (unanswered.length) {
      setOutcome({ done: false, message: `Svara på påstående ${unanswered.join(', ')} innan du skickar.` });
      return;
    }
    const answers = Object.entries(values).map(([itemId, value]) => ({ itemId, value }));
    const res = await send({ code, answers });
    const result = res.data?.answerSurvey;
    if (result?.__typename === 'MutationAnswerSurveySuccess') {
      setOutcome({
        done: true,
        message: 'Tack för ditt svar! Det är sparat anonymt, och koden kan inte användas igen.',
      });
    } else if (result && 'code' in result && result.code && CODE_MESSAGE[result.code]) {
      setOutcome({ done: false, message: CODE_MESSAGE[result.code]! });
    } else if (result?.__typename === 'ValidationError') {
      setOutcome({ done: false, message: 'Svaret passar inte enkäten. Kontrollera dina svar och försök igen.' });
    } else {
      setOutcome({ done: false, message: 'Svaret kunde inte skickas. Försök igen om en stund.' });
    }
  };

  if (outcome?.done) {
    return (
      <p className="notice" role="status">
        {outcome.message}
      </p>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <h2>{questionnaire.name}</h2>
      <p>{questionnaire.description}</p>
      {questionnaire.items.map((item) => (
        <fieldset key={item.id} className={missing.includes(item.position) ? 'statement missing' : 'statement'}>
          <legend>
            {item.position}. {item.text}
            {item.required ? '' : ' (frivillig)'}
          </legend>
          <div className="scale">
            {questionnaire.scale.labels.map((l) => (
              <label key={l.value}>
                <input
                  type="radio"
                  name={item.id}
                  value={l.value}
                  checked={values[item.id] === l.value}
                  onChange={() => setValues((v) => ({ ...v, [item.id]: l.value }))}
                />{' '}
                {l.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {outcome ? (
        <p className="notice notice-error" role="alert">
          {outcome.message}
        </p>
      ) : null}
      <button type="submit" disabled={fetching}>
        Skicka svaret
      </button>
    </form>
  );
}
