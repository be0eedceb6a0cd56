/**
 * One participation, from referral to the follow-ups after exit: what is recorded so far, and the form of the next
 * step its status allows — decision, enrolment, then follow-ups, extension and exit, then the final documentation
 * and the 6- and 18-month levels. After a step is saved the page reloads the participation from the graph and
 * focus goes to the message saying what was saved; a refused step shows its errors beside the fields they name.
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import type {
  EducationLevel,
  FollowUpDecision,
  FollowUpLevel,
  Outcome,
  ParticipationPageQuery as PageData,
  SupportSource,
} from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import {
  EDUCATION_LEVEL,
  EXCLUSION_GROUND,
  FOLLOW_UP_DECISION,
  FOLLOW_UP_LEVEL,
  formatDate,
  KON,
  OUTCOME,
  PARTICIPATION_STATUS,
  REFERRER_UNIT,
  STUDY_VISIT,
  SUPPORT_SOURCE,
  today,
} from '../labels.js';
import { follow, hrefOf } from '../navigation.js';

const ParticipationPageQuery = graphql(`
  query ParticipationPage($id: ID!) {
    forbund {
      id
      members {
        id
        name
        scbCode
      }
    }
    participation(id: $id) {
      id
      status
      anonymous
      kon
      ageAtReferral
      hemkommun
      referredOn
      referrerUnit
      referringMemberId
      needsTwoMembers
      motivated
      exclusionGrounds
      studyVisit
      decisionReason
      consentGivenOn
      consentWithdrawnOn
      enrolledOn
      plannedEnd
      extensionDecision {
        id
        text
      }
      educationLevel
      supportBefore
      yearsInSupport
      exitedOn
      outcomes
      supportAfter
      finalDocumentationSentOn
      level6Months
      level18Months
      person {
        personnummer
        name
      }
      followUps {
        id
        date
        referrerPresent
        decision
      }
      intervention {
        id
        name
        decisions {
          id
          kind
          text
          participationId
          meeting {
            id
            date
          }
        }
      }
    }
  }
`);

const DecideReferralMutation = graphql(`
  mutation DecideReferral($participationId: ID!, $accept: Boolean!, $reason: String, $decidedOn: Date!) {
    decideReferral(participationId: $participationId, accept: $accept, reason: $reason, decidedOn: $decidedOn) {
      __typename
      ... on MutationDecideReferralSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

const EnrolParticipantMutation = graphql(`
  mutation EnrolParticipant($participationId: ID!, $enrolledOn: Date!, $background: BackgroundInput) {
    enrolParticipant(participationId: $participationId, enrolledOn: $enrolledOn, background: $background) {
      __typename
      ... on MutationEnrolParticipantSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

const RecordFollowUpMutation = graphql(`
  mutation RecordFollowUp(
    $participationId: ID!
    $date: Date!
    $referrerPresent: Boolean!
    $decision: FollowUpDecision!
  ) {
    recordFollowUp(
      participationId: $participationId
      date: $date
      referrerPresent: $referrerPresent
      decision: $decision
    ) {
      __typename
      ... on MutationRecordFollowUpSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

const ExtendParticipationMutation = graphql(`
  mutation ExtendParticipation($participationId: ID!, $decisionId: ID!, $newPlannedEnd: Date!) {
    extendParticipation(participationId: $participationId, decisionId: $decisionId, newPlannedEnd: $newPlannedEnd) {
      __typename
      ... on MutationExtendParticipationSuccess {
        data {
          id
          plannedEnd
        }
      }
      ...MutationErrors
    }
  }
`);

const ExitParticipationMutation = graphql(`
  mutation ExitParticipation(
    $participationId: ID!
    $exitedOn: Date!
    $outcomes: [Outcome!]!
    $supportAfter: [SupportSource!]
  ) {
    exitParticipation(
      participationId: $participationId
      exitedOn: $exitedOn
      outcomes: $outcomes
      supportAfter: $supportAfter
    ) {
      __typename
      ... on MutationExitParticipationSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

const RecordAfterExitMutation = graphql(`
  mutation RecordAfterExit(
    $participationId: ID!
    $finalDocumentationSentOn: Date
    $level6Months: FollowUpLevel
    $level18Months: FollowUpLevel
  ) {
    recordAfterExit(
      participationId: $participationId
      finalDocumentationSentOn: $finalDocumentationSentOn
      level6Months: $level6Months
      level18Months: $level18Months
    ) {
      __typename
      ... on MutationRecordAfterExitSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

type Participation = NonNullable<PageData['participation']>;

/** What a step's form gets: the participation, and what to call once the step is saved. */
interface StepProps {
  p: Participation;
  onSaved(message: string): void;
}

export function ParticipationPage({ id }: { id: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: ParticipationPageQuery, variables: { id } });
  const [saved, setSaved] = useState<{ message: string; n: number } | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) {
      savedRef.current?.focus();
    }
  }, [saved]);
  const onSaved = (message: string) => {
    setSaved((s) => ({ message, n: (s?.n ?? 0) + 1 }));
    refetch({ requestPolicy: 'network-only' });
  };
  const p = data?.participation;
  const kommun = (code: string) => data?.forbund?.members.find((m) => m.scbCode === code)?.name ?? `kommunkod ${code}`;
  const member = (memberId: string) => data?.forbund?.members.find((m) => m.id === memberId)?.name ?? 'okänd part';

  return (
    <>
      <p>
        <a href={hrefOf('arenden')} onClick={follow('arenden')}>
          Tillbaka till ärenden
        </a>
      </p>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data && !p ? <p>Deltagandet finns inte, eller så arbetar du inte i dess insats.</p> : null}
      <p className="saved" role="status" tabIndex={-1} ref={savedRef}>
        {saved?.message}
      </p>
      {p ? (
        <>
          <h2>
            {p.person?.name ?? (p.anonymous ? 'Anonym deltagare' : 'Deltagare')} – {p.intervention.name}
          </h2>
          <dl className="facts">
            <Fact term="Status">{PARTICIPATION_STATUS[p.status] ?? p.status}</Fact>
            {p.person ? <Fact term="Personnummer">{p.person.personnummer}</Fact> : null}
            <Fact term="Samtycke">
              {p.consentWithdrawnOn
                ? `Återkallat ${formatDate(p.consentWithdrawnOn)}`
                : p.consentGivenOn
                  ? `Lämnat ${formatDate(p.consentGivenOn)}`
                  : 'Inget – anonymt deltagande'}
            </Fact>
            <Fact term="Kön">{KON[p.kon] ?? p.kon}</Fact>
            {p.ageAtReferral != null ? <Fact term="Ålder vid anvisning">{p.ageAtReferral} år</Fact> : null}
            {p.hemkommun ? <Fact term="Hemkommun">{kommun(p.hemkommun)}</Fact> : null}
            <Fact term="Anvisad">{formatDate(p.referredOn)}</Fact>
            <Fact term="Remittent">
              {REFERRER_UNIT[p.referrerUnit] ?? p.referrerUnit}
              {p.referringMemberId ? ` (${member(p.referringMemberId)})` : ''}
            </Fact>
            <Fact term="Behov från minst två parter">{p.needsTwoMembers ? 'Ja' : 'Nej'}</Fact>
            <Fact term="Motiverad">{p.motivated ? 'Ja' : 'Nej'}</Fact>
            <Fact term="Hinder">{p.exclusionGrounds.map((g) => EXCLUSION_GROUND[g] ?? g).join(', ') || 'Inga'}</Fact>
            <Fact term="Studiebesök">{STUDY_VISIT[p.studyVisit] ?? p.studyVisit}</Fact>
            {p.decisionReason ? <Fact term="Beslutsmotivering">{p.decisionReason}</Fact> : null}
            {p.enrolledOn ? <Fact term="Inskriven">{formatDate(p.enrolledOn)}</Fact> : null}
            {p.plannedEnd ? (
              <Fact term="Planerat avslut">
                {formatDate(p.plannedEnd)}
                {p.extensionDecision ? ` (förlängt: ${p.extensionDecision.text})` : ''}
              </Fact>
            ) : null}
            {p.educationLevel ? (
              <Fact term="Utbildning vid start">{EDUCATION_LEVEL[p.educationLevel] ?? p.educationLevel}</Fact>
            ) : null}
            {p.supportBefore ? (
              <Fact term="Försörjning före start">
                {p.supportBefore.map((s) => SUPPORT_SOURCE[s] ?? s).join(', ')}
                {p.yearsInSupport != null ? ` (${p.yearsInSupport} år)` : ''}
              </Fact>
            ) : null}
            {p.exitedOn ? <Fact term="Avslutad">{formatDate(p.exitedOn)}</Fact> : null}
            {p.outcomes.length ? (
              <Fact term="Avslutsorsaker">{p.outcomes.map((o) => OUTCOME[o] ?? o).join(', ')}</Fact>
            ) : null}
            {p.supportAfter ? (
              <Fact term="Försörjning efter avslut">
                {p.supportAfter.map((s) => SUPPORT_SOURCE[s] ?? s).join(', ')}
              </Fact>
            ) : null}
            {p.finalDocumentationSentOn ? (
              <Fact term="Slutdokumentation skickad">{formatDate(p.finalDocumentationSentOn)}</Fact>
            ) : null}
            {p.level6Months ? (
              <Fact term="Efter 6 månader">{FOLLOW_UP_LEVEL[p.level6Months] ?? p.level6Months}</Fact>
            ) : null}
            {p.level18Months ? (
              <Fact term="Efter 18 månader">{FOLLOW_UP_LEVEL[p.level18Months] ?? p.level18Months}</Fact>
            ) : null}
          </dl>

          {p.status === 'REFERRED' ? <DecisionForm p={p} onSaved={onSaved} /> : null}
          {p.status === 'ACCEPTED' ? <EnrolmentForm p={p} onSaved={onSaved} /> : null}
          {p.status === 'ENROLLED' ? (
            <>
              <FollowUpForm p={p} onSaved={onSaved} />
              <ExtensionForm p={p} onSaved={onSaved} />
              <ExitForm p={p} onSaved={onSaved} />
            </>
          ) : null}
          {p.status === 'EXITED' ? <AfterExitForm p={p} onSaved={onSaved} /> : null}
          {p.status === 'REJECTED' ? <p>Anvisningen är avslagen; deltagandet har inga fler steg.</p> : null}

          {p.followUps.length ? (
            <table>
              <caption>Uppföljningar, äldst först</caption>
              <thead>
                <tr>
                  <th scope="col">Datum</th>
                  <th scope="col">Remittent med</th>
                  <th scope="col">Beslut</th>
                </tr>
              </thead>
              <tbody>
                {p.followUps.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">
                      <time dateTime={u.date}>{formatDate(u.date)}</time>
                    </th>
                    <td>{u.referrerPresent ? 'Ja' : 'Nej'}</td>
                    <td>{FOLLOW_UP_DECISION[u.decision] ?? u.decision}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A step's form: its heading names it, and its message for the whole form sits under the heading. */
function StepForm({
  title,
  f,
  onSubmit,
  busy,
  submit,
  children,
}: {
  title: string;
  f: ReturnType<typeof useFieldErrors>;
  onSubmit(): Promise<void>;
  busy: boolean;
  submit: string;
  children: ReactNode;
}) {
  return (
    <form
      className="invite"
      noValidate
      aria-labelledby={f.idOf('heading')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id={f.idOf('heading')}>{title}</h3>
      {f.message(FORM)}
      {children}
      <button type="submit" disabled={busy}>
        {submit}
      </button>
    </form>
  );
}

/** A labelled date input with its error. */
function DateField({
  f,
  field,
  label,
  value,
  onChange,
}: {
  f: ReturnType<typeof useFieldErrors>;
  field: string;
  label: string;
  value: string;
  onChange(v: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor={f.idOf(field)}>{label}</label>
      <input
        id={f.idOf(field)}
        type="date"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...f.aria(field)}
      />
      {f.message(field)}
    </div>
  );
}

/** A fieldset of checkboxes for an enum list; its error is linked from the group. */
function Checks<T extends string>({
  f,
  field,
  legend,
  labels,
  chosen,
  onChange,
}: {
  f: ReturnType<typeof useFieldErrors>;
  field: string;
  legend: string;
  labels: Record<string, string>;
  chosen: T[];
  onChange(next: T[]): void;
}) {
  return (
    <fieldset {...f.aria(field)} id={f.idOf(field)} tabIndex={-1}>
      <legend>{legend}</legend>
      {Object.entries(labels).map(([value, label]) => (
        <div key={value} className="check">
          <input
            id={f.idOf(`${field}-${value}`)}
            type="checkbox"
            checked={chosen.includes(value as T)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, value as T] : chosen.filter((x) => x !== value))}
          />
          <label htmlFor={f.idOf(`${field}-${value}`)}>{label}</label>
        </div>
      ))}
      {f.message(field)}
    </fieldset>
  );
}

/** A labelled select of an enum, with a first empty choice when `empty` names it. */
function EnumSelect({
  f,
  field,
  label,
  labels,
  value,
  onChange,
  empty,
}: {
  f: ReturnType<typeof useFieldErrors>;
  field: string;
  label: string;
  labels: Record<string, string>;
  value: string;
  onChange(v: string): void;
  empty?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={f.idOf(field)}>{label}</label>
      <select id={f.idOf(field)} value={value} onChange={(e) => onChange(e.target.value)} {...f.aria(field)}>
        {empty ? <option value="">{empty}</option> : null}
        {Object.entries(labels).map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {f.message(field)}
    </div>
  );
}

const withConsent = (p: Participation) => Boolean(p.consentGivenOn && !p.consentWithdrawnOn);

/** The inclusion criteria the referral was registered without, as the decision form names them. */
const unmetCriteria = (p: Participation) => [
  ...(p.needsTwoMembers ? [] : ['behov av samordnade insatser från minst två parter']),
  ...(p.motivated ? [] : ['bedömd motiverad för en första kontakt']),
];

function DecisionForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['accept', 'reason', 'decidedOn']);
  const unmet = unmetCriteria(p);
  const [{ fetching }, decide] = useMutation(DecideReferralMutation);
  const [accept, setAccept] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [decidedOn, setDecidedOn] = useState(today);
  const submit = async () => {
    if (accept === null) {
      f.showLocal({ accept: 'Välj om anvisningen beviljas eller avslås.' });
      return;
    }
    const result = await decide({ participationId: p.id, accept, reason: reason.trim() || null, decidedOn });
    if (f.show(result, result.data?.decideReferral, 'MutationDecideReferralSuccess')) {
      onSaved(accept ? 'Anvisningen är beviljad. Nästa steg: inskrivning.' : 'Anvisningen är avslagen.');
    }
  };
  return (
    <StepForm title="Beslut om anvisningen" f={f} onSubmit={submit} busy={fetching} submit="Spara beslutet">
      <fieldset {...f.aria('accept')} id={f.idOf('accept')} tabIndex={-1}>
        <legend>Beslut</legend>
        <div className="check">
          <input
            id={f.idOf('accept-yes')}
            type="radio"
            name={f.idOf('accept-choice')}
            checked={accept === true}
            onChange={() => setAccept(true)}
          />
          <label htmlFor={f.idOf('accept-yes')}>Bevilja</label>
        </div>
        <div className="check">
          <input
            id={f.idOf('accept-no')}
            type="radio"
            name={f.idOf('accept-choice')}
            checked={accept === false}
            onChange={() => setAccept(false)}
          />
          <label htmlFor={f.idOf('accept-no')}>Avslå</label>
        </div>
        {f.message('accept')}
      </fieldset>
      {unmet.length ? (
        <p className="hint" id={f.idOf('criteria')}>
          Anvisningen uppfyller inte inklusionskriterierna: {unmet.join(' och ')} saknas. Den kan beviljas ändå, men då
          krävs en motivering.
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={f.idOf('reason')}>
          {unmet.length ? 'Motivering (krävs vid avslag och för att bevilja)' : 'Motivering (krävs vid avslag)'}
        </label>
        <textarea
          id={f.idOf('reason')}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...f.aria('reason')}
        />
        {f.message('reason')}
      </div>
      <DateField f={f} field="decidedOn" label="Beslutsdatum" value={decidedOn} onChange={setDecidedOn} />
    </StepForm>
  );
}

function EnrolmentForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['enrolledOn', 'educationLevel', 'supportBefore', 'yearsInSupport']);
  const [{ fetching }, enrolParticipant] = useMutation(EnrolParticipantMutation);
  const [enrolledOn, setEnrolledOn] = useState(today);
  const [educationLevel, setEducationLevel] = useState('');
  const [supportBefore, setSupportBefore] = useState<SupportSource[]>([]);
  const [years, setYears] = useState('');
  const consent = withConsent(p);
  const submit = async () => {
    const given = Boolean(educationLevel || supportBefore.length || years.trim());
    if (given && !(educationLevel && years.trim())) {
      f.showLocal({
        ...(educationLevel ? {} : { educationLevel: 'Ange utbildningsnivå, eller lämna bakgrunden tom.' }),
        ...(years.trim() ? {} : { yearsInSupport: 'Ange antal år, eller lämna bakgrunden tom.' }),
      });
      return;
    }
    const background = given
      ? { educationLevel: educationLevel as EducationLevel, supportBefore, yearsInSupport: Number(years) }
      : null;
    const result = await enrolParticipant({ participationId: p.id, enrolledOn, background });
    if (f.show(result, result.data?.enrolParticipant, 'MutationEnrolParticipantSuccess')) {
      onSaved('Deltagaren är inskriven.');
    }
  };
  return (
    <StepForm title="Inskrivning" f={f} onSubmit={submit} busy={fetching} submit="Skriv in">
      <DateField f={f} field="enrolledOn" label="Inskrivningsdatum" value={enrolledOn} onChange={setEnrolledOn} />
      {consent ? (
        <fieldset>
          <legend>Bakgrund vid inskrivning (valfritt)</legend>
          <EnumSelect
            f={f}
            field="educationLevel"
            label="Högsta avslutade utbildning"
            labels={EDUCATION_LEVEL}
            value={educationLevel}
            onChange={setEducationLevel}
            empty="Inte angiven"
          />
          <Checks
            f={f}
            field="supportBefore"
            legend="Försörjning före inskrivning"
            labels={SUPPORT_SOURCE}
            chosen={supportBefore}
            onChange={setSupportBefore}
          />
          <div className="field">
            <label htmlFor={f.idOf('yearsInSupport')}>År med offentlig försörjning</label>
            <input
              id={f.idOf('yearsInSupport')}
              type="number"
              inputMode="numeric"
              min={0}
              max={60}
              value={years}
              onChange={(e) => setYears(e.target.value)}
              {...f.aria('yearsInSupport')}
            />
            {f.message('yearsInSupport')}
          </div>
        </fieldset>
      ) : (
        <p>Anonymt deltagande: inga bakgrundsuppgifter sparas.</p>
      )}
    </StepForm>
  );
}

function FollowUpForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['date', 'referrerPresent', 'decision']);
  const [{ fetching }, record] = useMutation(RecordFollowUpMutation);
  const [date, setDate] = useState(today);
  const [referrerPresent, setReferrerPresent] = useState(true);
  const [decision, setDecision] = useState<FollowUpDecision>('CONTINUE');
  const submit = async () => {
    const result = await record({ participationId: p.id, date, referrerPresent, decision });
    if (f.show(result, result.data?.recordFollowUp, 'MutationRecordFollowUpSuccess')) {
      onSaved('Uppföljningen är registrerad.');
    }
  };
  return (
    <StepForm title="Uppföljning" f={f} onSubmit={submit} busy={fetching} submit="Registrera uppföljningen">
      <DateField f={f} field="date" label="Uppföljningsdatum" value={date} onChange={setDate} />
      <div className="check">
        <input
          id={f.idOf('referrerPresent')}
          type="checkbox"
          checked={referrerPresent}
          onChange={(e) => setReferrerPresent(e.target.checked)}
          {...f.aria('referrerPresent')}
        />
        <label htmlFor={f.idOf('referrerPresent')}>Remittenten deltog</label>
      </div>
      {f.message('referrerPresent')}
      <EnumSelect
        f={f}
        field="decision"
        label="Beslut vid uppföljningen"
        labels={FOLLOW_UP_DECISION}
        value={decision}
        onChange={(v) => setDecision(v as FollowUpDecision)}
      />
    </StepForm>
  );
}

function ExtensionForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['decisionId', 'newPlannedEnd']);
  const [{ fetching }, extend] = useMutation(ExtendParticipationMutation);
  const decisions = (p.intervention.decisions ?? []).filter(
    (d) => d.kind === 'EXTENSION' && d.participationId === p.id,
  );
  const [decisionId, setDecisionId] = useState('');
  const [newPlannedEnd, setNewPlannedEnd] = useState('');
  const submit = async () => {
    const result = await extend({ participationId: p.id, decisionId, newPlannedEnd });
    if (f.show(result, result.data?.extendParticipation, 'MutationExtendParticipationSuccess')) {
      onSaved('Förlängningen är registrerad.');
    }
  };
  if (!decisions.length) {
    return (
      <>
        <h3>Förlängning</h3>
        <p>Styrgruppen har inte fattat något beslut om förlängning av detta deltagande.</p>
      </>
    );
  }
  return (
    <StepForm title="Förlängning" f={f} onSubmit={submit} busy={fetching} submit="Registrera förlängningen">
      <div className="field">
        <label htmlFor={f.idOf('decisionId')}>Styrgruppens beslut</label>
        <select
          id={f.idOf('decisionId')}
          value={decisionId}
          onChange={(e) => setDecisionId(e.target.value)}
          {...f.aria('decisionId')}
        >
          <option value="">Välj beslut</option>
          {decisions.map((d) => (
            <option key={d.id} value={d.id}>
              {formatDate(d.meeting.date)}: {d.text}
            </option>
          ))}
        </select>
        {f.message('decisionId')}
      </div>
      <DateField
        f={f}
        field="newPlannedEnd"
        label="Nytt planerat avslut"
        value={newPlannedEnd}
        onChange={setNewPlannedEnd}
      />
    </StepForm>
  );
}

function ExitForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['exitedOn', 'outcomes', 'supportAfter']);
  const [{ fetching }, exitParticipation] = useMutation(ExitParticipationMutation);
  const [exitedOn, setExitedOn] = useState(today);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [supportAfter, setSupportAfter] = useState<SupportSource[]>([]);
  const consent = withConsent(p);
  const submit = async () => {
    const result = await exitParticipation({
      participationId: p.id,
      exitedOn,
      outcomes,
      supportAfter: consent && supportAfter.length ? supportAfter : null,
    });
    if (f.show(result, result.data?.exitParticipation, 'MutationExitParticipationSuccess')) {
      onSaved('Deltagandet är avslutat. Nästa steg: slutdokumentation och uppföljning efter avslut.');
    }
  };
  return (
    <StepForm title="Avslut" f={f} onSubmit={submit} busy={fetching} submit="Avsluta deltagandet">
      <DateField f={f} field="exitedOn" label="Avslutsdatum" value={exitedOn} onChange={setExitedOn} />
      <Checks
        f={f}
        field="outcomes"
        legend="Avslutsorsaker"
        labels={OUTCOME}
        chosen={outcomes}
        onChange={setOutcomes}
      />
      {consent ? (
        <Checks
          f={f}
          field="supportAfter"
          legend="Försörjning efter avslut (valfritt)"
          labels={SUPPORT_SOURCE}
          chosen={supportAfter}
          onChange={setSupportAfter}
        />
      ) : null}
    </StepForm>
  );
}

function AfterExitForm({ p, onSaved }: StepProps) {
  const f = useFieldErrors(['finalDocumentationSentOn', 'level6Months', 'level18Months']);
  const [{ fetching }, record] = useMutation(RecordAfterExitMutation);
  const [sentOn, setSentOn] = useState('');
  const [level6, setLevel6] = useState('');
  const [level18, setLevel18] = useState('');
  const submit = async () => {
    if (!sentOn && !level6 && !level18) {
      f.showLocal({ [FORM]: 'Fyll i minst en uppgift.' });
      return;
    }
    const result = await record({
      participationId: p.id,
      finalDocumentationSentOn: sentOn || null,
      level6Months: (level6 || null) as FollowUpLevel | null,
      level18Months: (level18 || null) as FollowUpLevel | null,
    });
    if (f.show(result, result.data?.recordAfterExit, 'MutationRecordAfterExitSuccess')) {
      setSentOn('');
      setLevel6('');
      setLevel18('');
      onSaved('Uppgifterna efter avslutet är sparade.');
    }
  };
  return (
    <StepForm
      title="Slutdokumentation och uppföljning efter avslut"
      f={f}
      onSubmit={submit}
      busy={fetching}
      submit="Spara"
    >
      <DateField
        f={f}
        field="finalDocumentationSentOn"
        label={`Slutdokumentation skickad${p.finalDocumentationSentOn ? ' (ändra)' : ''}`}
        value={sentOn}
        onChange={setSentOn}
      />
      <EnumSelect
        f={f}
        field="level6Months"
        label="Nivå 6 månader efter avslut"
        labels={FOLLOW_UP_LEVEL}
        value={level6}
        onChange={setLevel6}
        empty="Inte uppföljd än"
      />
      <EnumSelect
        f={f}
        field="level18Months"
        label="Nivå 18 månader efter avslut"
        labels={FOLLOW_UP_LEVEL}
        value={level18}
        onChange={setLevel18}
        empty="Inte uppföljd än"
      />
    </StepForm>
  );
}
