/**
 * A participation with a history, made through the gateway as the insats' staff would: referral with
 * consent, decision, enrolment, handlingsplan, follow-up, screening and (optionally) exit. Used by the
 * records-lifecycle tests (gallring, register extract, merger).
 */
import { luhn } from '@finsam/participants/domain/personnummer.js';
import type { TestPlatform } from './platform.js';

/** A personnummer born on `date` (YYYYMMDD) with a valid check digit. */
export const personnummer = (date: string, serial: string) => `${date}-${serial}${luhn(`${date.slice(2)}${serial}`)}`;

const RESULT = `__typename ... on Error { message } ... on ValidationError { issues { path message } }`;

export interface History {
  staff: string;
  interventionId: string;
  personnummer?: string;
  name?: string;
  referredOn: string;
  enrolledOn?: string;
  /** With a handlingsplan, a follow-up and a screening after the enrolment. */
  records?: boolean;
  exitedOn?: string;
}

/** Makes the participation; every step must succeed. Returns its id. */
export async function participationWithHistory(p: TestPlatform, h: History): Promise<string> {
  const step = async (field: string, mutation: string, variables: Record<string, unknown> = {}) => {
    const res = await p.gql(mutation, { as: h.staff, variables });
    const result = res.data?.[field];
    if (!result || !String(result.__typename).endsWith('Success')) {
      throw new Error(`${field} failed: ${JSON.stringify(res.errors ?? result)}`);
    }
    return result;
  };
  const input = {
    interventionId: h.interventionId,
    referredOn: h.referredOn,
    referrerUnit: 'FORSAKRINGSKASSAN',
    needsTwoMembers: true,
    motivated: true,
    exclusionGrounds: [],
    studyVisit: 'OFFERED',
    ...(h.personnummer
      ? { consentGivenOn: h.referredOn, personnummer: h.personnummer, name: h.name ?? null, hemkommun: '1961' }
      : { consentGivenOn: null, kon: 'KVINNA', age: 30 }),
  };
  const referred = await step(
    'referParticipant',
    `mutation ($input: ReferralInput!) { referParticipant(input: $input) {
      ${RESULT} ... on MutationReferParticipantSuccess { data { id } } } }`,
    { input },
  );
  const id = referred.data.id as string;
  await step(
    'decideReferral',
    `mutation ($id: ID!, $on: Date!) { decideReferral(participationId: $id, accept: true, decidedOn: $on,
      reason: "Samordnade behov") { ${RESULT} } }`,
    { id, on: h.referredOn },
  );
  if (!h.enrolledOn) {
    return id;
  }
  await step(
    'enrolParticipant',
    `mutation ($id: ID!, $on: Date!) { enrolParticipant(participationId: $id, enrolledOn: $on) { ${RESULT} } }`,
    { id, on: h.enrolledOn },
  );
  if (h.records) {
    await step(
      'setActionPlan',
      `mutation ($id: ID!, $input: ActionPlanInput!) {
        setActionPlan(participationId: $id, input: $input) { ${RESULT} } }`,
      {
        id,
        input: {
          agreedOn: h.enrolledOn,
          sip: true,
          goals: ['Arbetsträning'],
          responsibilities: [{ party: 'Arbetsförmedlingen', task: 'Praktikplats' }],
        },
      },
    );
    await step(
      'recordFollowUp',
      `mutation ($id: ID!, $on: Date!) { recordFollowUp(participationId: $id, date: $on, referrerPresent: true,
        decision: CONTINUE) { ${RESULT} } }`,
      { id, on: h.enrolledOn },
    );
    await step(
      'recordScreening',
      `mutation ($id: ID!, $on: Date!) { recordScreening(participationId: $id, kind: KASAM, date: $on, score: 55) {
        ${RESULT} } }`,
      { id, on: h.enrolledOn },
    );
  }
  if (h.exitedOn) {
    await step(
      'exitParticipation',
      `mutation ($id: ID!, $on: Date!) { exitParticipation(participationId: $id, exitedOn: $on, outcomes: [STUDIER]) {
        ${RESULT} } }`,
      { id, on: h.exitedOn },
    );
  }
  return id;
}
