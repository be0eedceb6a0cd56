/**
 * Ny anvisning: a referral (remiss) to one of the staff member's insatser, with samtycke (personnummer, name,
 * hemkommun) or anonymous (kön and an age only). The graph checks it; its typed errors show beside the fields they
 * name. Once registered, the participation's own page opens, where it is decided.
 */
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FORM, useFieldErrors } from '../components/FieldErrors.js';
import { ResultNotice } from '../components/ResultNotice.js';
import type { ExclusionGround, Kon, ReferralInput, ReferrerUnit, StudyVisit } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { EXCLUSION_GROUND, KON, REFERRER_UNIT, STUDY_VISIT, today } from '../labels.js';
import { follow, hrefOf, navigate } from '../navigation.js';

const ReferralFormQuery = graphql(`
  query ReferralForm {
    forbund {
      id
      members {
        id
        name
        kind
        scbCode
      }
    }
    interventions(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const ReferParticipantMutation = graphql(`
  mutation ReferParticipant($input: ReferralInput!) {
    referParticipant(input: $input) {
      __typename
      ... on MutationReferParticipantSuccess {
        data {
          id
          status
        }
      }
      ...MutationErrors
    }
  }
`);

const FIELDS = [
  'interventionId',
  'referredOn',
  'referrerUnit',
  'referringMemberId',
  'needsTwoMembers',
  'motivated',
  'exclusionGrounds',
  'studyVisit',
  'consentGivenOn',
  'personnummer',
  'name',
  'hemkommun',
  'kon',
  'age',
] as const;

export function ParticipationReferral() {
  const [{ data, error, fetching }] = useQuery({ query: ReferralFormQuery });
  const insatser = data?.interventions.edges.map((e) => e.node) ?? [];
  return (
    <>
      <p>
        <a href={hrefOf('arenden')} onClick={follow('arenden')}>
          Tillbaka till ärenden
        </a>
      </p>
      <ResultNotice error={error} partial={Boolean(data)} />
      {fetching && !data ? <p>Hämtar …</p> : null}
      {data ? (
        insatser.length ? (
          <ReferralForm insatser={insatser} members={data.forbund?.members ?? []} />
        ) : (
          <p>Du arbetar inte i någon insats ännu.</p>
        )
      ) : null}
    </>
  );
}

function ReferralForm({
  insatser,
  members,
}: {
  insatser: readonly { id: string; name: string }[];
  members: readonly { id: string; name: string; kind: string; scbCode?: string | null }[];
}) {
  const f = useFieldErrors(FIELDS);
  const [{ fetching }, refer] = useMutation(ReferParticipantMutation);
  const [interventionId, setInterventionId] = useState(insatser[0]?.id ?? '');
  const [referredOn, setReferredOn] = useState(today);
  const [referrerUnit, setReferrerUnit] = useState<ReferrerUnit>('FORSAKRINGSKASSAN');
  const [referringMemberId, setReferringMemberId] = useState('');
  const [needsTwoMembers, setNeedsTwoMembers] = useState(true);
  const [motivated, setMotivated] = useState(true);
  const [grounds, setGrounds] = useState<ExclusionGround[]>([]);
  const [studyVisit, setStudyVisit] = useState<StudyVisit>('NOT_OFFERED');
  const [consent, setConsent] = useState(true);
  const [consentGivenOn, setConsentGivenOn] = useState(today);
  const [personnummer, setPersonnummer] = useState('');
  const [name, setName] = useState('');
  const [hemkommun, setHemkommun] = useState('');
  const [kon, setKon] = useState<Kon | ''>('');
  const [age, setAge] = useState('');
  const kommuner = members.filter((m) => m.kind === 'KOMMUN' && m.scbCode);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const who: Partial<ReferralInput> = consent
      ? {
          consentGivenOn: consentGivenOn || null,
          personnummer: personnummer.trim() || null,
          name: name.trim() || null,
          hemkommun: hemkommun || null,
        }
      : { kon: kon || null, age: age.trim() === '' ? null : Number(age) };
    const result = await refer({
      input: {
        interventionId,
        referredOn,
        referrerUnit,
        referringMemberId: referringMemberId || null,
        needsTwoMembers,
        motivated,
        exclusionGrounds: grounds,
        studyVisit,
        ...who,
      },
    });
    const answer = result.data?.referParticipant;
    if (f.show(result, answer, 'MutationReferParticipantSuccess')) {
      navigate(`arenden/${answer.data.id}`);
    }
  };

  return (
    <form className="invite" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={f.idOf('heading')}>
      <h2 id={f.idOf('heading')}>Ny anvisning</h2>
      {f.message(FORM)}
      <div className="field">
        <label htmlFor={f.idOf('interventionId')}>Insats</label>
        <select
          id={f.idOf('interventionId')}
          value={interventionId}
          onChange={(e) => setInterventionId(e.target.value)}
          {...f.aria('interventionId')}
        >
          {insatser.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </select>
        {f.message('interventionId')}
      </div>
      <div className="field">
        <label htmlFor={f.idOf('referredOn')}>Anvisad den</label>
        <input
          id={f.idOf('referredOn')}
          type="date"
          value={referredOn}
          onChange={(e) => setReferredOn(e.target.value)}
          {...f.aria('referredOn')}
        />
        {f.message('referredOn')}
      </div>
      <div className="field">
        <label htmlFor={f.idOf('referrerUnit')}>Remittent</label>
        <select
          id={f.idOf('referrerUnit')}
          value={referrerUnit}
          onChange={(e) => setReferrerUnit(e.target.value as ReferrerUnit)}
          {...f.aria('referrerUnit')}
        >
          {Object.entries(REFERRER_UNIT).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {f.message('referrerUnit')}
      </div>
      <div className="field">
        <label htmlFor={f.idOf('referringMemberId')}>Remitterande part (valfritt)</label>
        <select
          id={f.idOf('referringMemberId')}
          value={referringMemberId}
          onChange={(e) => setReferringMemberId(e.target.value)}
          {...f.aria('referringMemberId')}
        >
          <option value="">Ingen angiven</option>
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {f.message('referringMemberId')}
      </div>
      <div className="check">
        <input
          id={f.idOf('needsTwoMembers')}
          type="checkbox"
          checked={needsTwoMembers}
          onChange={(e) => setNeedsTwoMembers(e.target.checked)}
          {...f.aria('needsTwoMembers')}
        />
        <label htmlFor={f.idOf('needsTwoMembers')}>Behov av samordnade insatser från minst två parter</label>
      </div>
      {f.message('needsTwoMembers')}
      <div className="check">
        <input
          id={f.idOf('motivated')}
          type="checkbox"
          checked={motivated}
          onChange={(e) => setMotivated(e.target.checked)}
          {...f.aria('motivated')}
        />
        <label htmlFor={f.idOf('motivated')}>Bedöms motiverad att delta</label>
      </div>
      {f.message('motivated')}
      <fieldset {...f.aria('exclusionGrounds')} id={f.idOf('exclusionGrounds')} tabIndex={-1}>
        <legend>Hinder som framkommit (inga om inget kryssas)</legend>
        {Object.entries(EXCLUSION_GROUND).map(([value, label]) => (
          <div key={value} className="check">
            <input
              id={f.idOf(`ground-${value}`)}
              type="checkbox"
              checked={grounds.includes(value as ExclusionGround)}
              onChange={(e) =>
                setGrounds((g) => (e.target.checked ? [...g, value as ExclusionGround] : g.filter((x) => x !== value)))
              }
            />
            <label htmlFor={f.idOf(`ground-${value}`)}>{label}</label>
          </div>
        ))}
        {f.message('exclusionGrounds')}
      </fieldset>
      <div className="field">
        <label htmlFor={f.idOf('studyVisit')}>Studiebesök</label>
        <select
          id={f.idOf('studyVisit')}
          value={studyVisit}
          onChange={(e) => setStudyVisit(e.target.value as StudyVisit)}
          {...f.aria('studyVisit')}
        >
          {Object.entries(STUDY_VISIT).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {f.message('studyVisit')}
      </div>
      <fieldset>
        <legend>Samtycke</legend>
        <div className="check">
          <input
            id={f.idOf('consent-yes')}
            type="radio"
            name={f.idOf('consent')}
            checked={consent}
            onChange={() => setConsent(true)}
          />
          <label htmlFor={f.idOf('consent-yes')}>Med samtycke (personnummer registreras)</label>
        </div>
        <div className="check">
          <input
            id={f.idOf('consent-no')}
            type="radio"
            name={f.idOf('consent')}
            checked={!consent}
            onChange={() => setConsent(false)}
          />
          <label htmlFor={f.idOf('consent-no')}>Anonym (utan samtycke)</label>
        </div>
      </fieldset>
      {consent ? (
        <>
          <div className="field">
            <label htmlFor={f.idOf('consentGivenOn')}>Samtycke lämnat den</label>
            <input
              id={f.idOf('consentGivenOn')}
              type="date"
              value={consentGivenOn}
              onChange={(e) => setConsentGivenOn(e.target.value)}
              {...f.aria('consentGivenOn')}
            />
            {f.message('consentGivenOn')}
          </div>
          <div className="field">
            <label htmlFor={f.idOf('personnummer')}>Personnummer eller samordningsnummer (ÅÅÅÅMMDD-NNNN)</label>
            <input
              id={f.idOf('personnummer')}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={personnummer}
              onChange={(e) => setPersonnummer(e.target.value)}
              {...f.aria('personnummer')}
            />
            {f.message('personnummer')}
          </div>
          <div className="field">
            <label htmlFor={f.idOf('name')}>Namn (valfritt)</label>
            <input
              id={f.idOf('name')}
              type="text"
              autoComplete="off"
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...f.aria('name')}
            />
            {f.message('name')}
          </div>
          <div className="field">
            <label htmlFor={f.idOf('hemkommun')}>Hemkommun (valfritt)</label>
            <select
              id={f.idOf('hemkommun')}
              value={hemkommun}
              onChange={(e) => setHemkommun(e.target.value)}
              {...f.aria('hemkommun')}
            >
              <option value="">Ingen angiven</option>
              {kommuner.map((m) => (
                <option key={m.id} value={m.scbCode ?? ''}>
                  {m.name}
                </option>
              ))}
            </select>
            {f.message('hemkommun')}
          </div>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={f.idOf('kon')}>Kön</label>
            <select
              id={f.idOf('kon')}
              value={kon}
              onChange={(e) => setKon(e.target.value as Kon | '')}
              {...f.aria('kon')}
            >
              <option value="">Välj</option>
              {Object.entries(KON).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            {f.message('kon')}
          </div>
          <div className="field">
            <label htmlFor={f.idOf('age')}>Ålder (valfritt, sparas inte)</label>
            <input
              id={f.idOf('age')}
              type="number"
              inputMode="numeric"
              min={0}
              max={120}
              value={age}
              onChange={(e) => setAge(e.target.value)}
              {...f.aria('age')}
            />
            {f.message('age')}
          </div>
        </>
      )}
      <button type="submit" disabled={fetching}>
        Registrera anvisningen
      </button>
    </form>
  );
}
