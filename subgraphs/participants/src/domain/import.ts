/**
 * An imported participation is the steps a person took, replayed through the same rules the mutations
 * use (lifecycle.ts): the referral (`checkReferral`, `checkReferringMember`, `checkTargetGroup`,
 * `referredParticipation`), the decision (`decideReferral`), the enrolment (`enrol`), each follow-up
 * (`recordFollowUp`), the exit (`exit`) and what is recorded after it (`recordAfterExit`). A rule
 * that changes for the mutations changes for the import with it; nothing here restates one.
 * A refusal is named by the import's field (`decidedOn`, `followUps.2.date`), not the mutation's
 * argument, so the per-row report points at the column to fix.
 */
import type { ValidationIssue } from '@finsam/kit/errors.js';
import type { Identity } from '@finsam/kit/identity.js';
import type { FOLLOW_UP_DECISIONS } from '../entities/FollowUp.js';
import type { Participation } from '../entities/Participation.js';
import type { RowIssue } from './import-file.js';
import {
  checkReferral,
  checkReferringMember,
  checkTargetGroup,
  decideReferral,
  enrol,
  exit,
  type InsatsPeriod,
  type ReferralData,
  type Referred,
  recordAfterExit,
  recordFollowUp,
  referredParticipation,
  type TargetGroup,
} from './lifecycle.js';
import type { PersonNumber } from './personnummer.js';
import type { Verdict } from './verdict.js';

/** One record of an import file, its form checked: the referral and every later step it reached. */
export interface ImportRecord extends ReferralData {
  /** The record's id in the system it comes from; unique per förbund, what makes a re-import change nothing. */
  sourceRef: string;
  decision?: 'ACCEPTED' | 'REJECTED' | null;
  decidedOn?: string | null;
  decisionReason?: string | null;
  enrolledOn?: string | null;
  background?: { educationLevel: string; supportBefore: string[]; yearsInSupport: number } | null;
  followUps?: { date: string; decision: (typeof FOLLOW_UP_DECISIONS)[number]; referrerPresent: boolean }[];
  exitedOn?: string | null;
  outcomes?: string[];
  supportAfter?: string[] | null;
  finalDocumentationSentOn?: string | null;
  level6Months?: Participation['level6Months'];
  level18Months?: Participation['level18Months'];
}

/** What the rules need to know beyond the record, fetched once per file. */
export interface ImportFacts {
  /** The importing administrator. */
  identity: Identity;
  members: readonly { id: string }[];
  /** Per insats of the förbund (null for one that is not): its target ages and when it runs. */
  insatser: ReadonlyMap<string, { target: TargetGroup; period: InsatsPeriod } | null>;
  /** The day of the import, for the rules that look at today. */
  today: string;
}

/** A participation as the import writes it (all but id and tenant), its person and its follow-ups. */
export interface PlannedParticipation {
  sourceRef: string;
  person: PersonNumber | null;
  name: string | null;
  fields: ReturnType<typeof referredParticipation> &
    Partial<Pick<Participation, 'educationLevel' | 'supportBefore' | 'yearsInSupport'>>;
  followUps: NonNullable<ImportRecord['followUps']>;
}

/**
 * An administrator imports for every insats of the förbund: the rules that ask "is this your insats"
 * are asked as the insats' staff would be, since the administrator acts for them.
 */
export function importerAs(identity: Identity, interventionId: string): Identity {
  return {
    ...identity,
    roles: identity.roles.includes('staff') ? identity.roles : [...identity.roles, 'staff'],
    interventionIds: [...identity.interventionIds, interventionId],
  };
}

type Step<T> = Verdict<T>;

/** The verdict's issues as the row's issues, each path named by the import field `field(path)`. */
function issuesOf(row: number, verdict: Step<unknown>, field: (path: ValidationIssue['path']) => string): RowIssue[] {
  return verdict.ok ? [] : verdict.issues.map((i) => ({ row, field: field(i.path), message: i.message }));
}

/** The last named part of a mutation's path (['input', 'personnummer'] → personnummer). */
const lastName = (path: ValidationIssue['path']) =>
  [...path].reverse().find((p): p is string => typeof p === 'string') ?? 'sourceRef';

/**
 * Replays one record through the lifecycle's rules, step by step, stopping at the first refusal (a later
 * step would only repeat it). `row` numbers the issues.
 */
export function planParticipation(
  row: number,
  record: ImportRecord,
  facts: ImportFacts,
): { ok: true; value: PlannedParticipation } | { ok: false; issues: RowIssue[] } {
  const fail = (issues: RowIssue[]) => ({ ok: false as const, issues });
  const identity = importerAs(facts.identity, record.interventionId);
  const insats = facts.insatser.get(record.interventionId) ?? null;
  const referral = checkReferral(identity, record, new Date(`${facts.today}T12:00:00Z`));
  if (!referral.ok) {
    return fail(issuesOf(row, referral, lastName));
  }
  const referred: Referred = referral.value;
  if (record.referringMemberId) {
    const member = checkReferringMember(record.referringMemberId, facts.members);
    if (!member.ok) {
      return fail(issuesOf(row, member, lastName));
    }
  }
  const target = checkTargetGroup(insats?.target ?? null, referred);
  if (!target.ok) {
    return fail(issuesOf(row, target, lastName));
  }
  const p = referredParticipation(record, referred) as PlannedParticipation['fields'];

  const decided = record.decision != null || record.decidedOn != null;
  if (decided) {
    const decision = decideReferral(p, {
      accept: record.decision === 'ACCEPTED',
      reason: record.decisionReason,
      decidedOn: record.decidedOn ?? '',
    });
    const named = { accept: 'decision', reason: 'decisionReason', decidedOn: 'decidedOn' } as Record<string, string>;
    if (!decision.ok) {
      return fail(issuesOf(row, decision, (path) => named[lastName(path)] ?? 'decision'));
    }
    Object.assign(p, decision.value);
  }
  const later = record.enrolledOn ?? (record.followUps?.length ? 'followUps' : record.exitedOn ? 'exitedOn' : null);
  if (later && !decided) {
    return fail([
      { row, field: 'decision', message: 'A participation that went on was decided: give decision and decidedOn' },
    ]);
  }
  if (record.enrolledOn) {
    const enrolment = enrol(p, record.enrolledOn, insats?.period ?? null, record.background);
    if (!enrolment.ok) {
      return fail(issuesOf(row, enrolment, (path) => (path[0] === 'background' ? path.join('.') : 'enrolledOn')));
    }
    Object.assign(p, record.background ?? {}, enrolment.value);
  } else if (record.followUps?.length || record.exitedOn) {
    return fail([{ row, field: 'enrolledOn', message: 'Follow-ups and an exit need an enrolment date' }]);
  }
  for (const [i, followUp] of (record.followUps ?? []).entries()) {
    const step = recordFollowUp(p, followUp.date);
    if (!step.ok) {
      return fail(issuesOf(row, step, () => `followUps.${i}.date`));
    }
  }
  if (record.exitedOn) {
    const ended = exit(p, {
      exitedOn: record.exitedOn,
      outcomes: record.outcomes ?? [],
      supportAfter: record.supportAfter,
    });
    if (!ended.ok) {
      return fail(
        issuesOf(row, ended, (path) =>
          path.length === 1 && path[0] === 'participationId' ? 'exitedOn' : lastName(path),
        ),
      );
    }
    Object.assign(p, ended.value);
    const after = recordAfterExit(p, record, facts.today);
    if (!after.ok) {
      return fail(issuesOf(row, after, lastName));
    }
    Object.assign(p, after.value);
  } else if (
    record.outcomes?.length ||
    record.finalDocumentationSentOn ||
    record.level6Months ||
    record.level18Months
  ) {
    return fail([{ row, field: 'exitedOn', message: 'Outcomes and what follows an exit need the exit date' }]);
  }
  return {
    ok: true,
    value: {
      sourceRef: record.sourceRef,
      person: referred.person,
      name: record.consentGivenOn ? (record.name ?? null) : null,
      fields: p,
      followUps: record.followUps ?? [],
    },
  };
}

/**
 * What holds across the rows of one file: a source reference once, and — as the database's one-open rule
 * for the mutations says — one open (not rejected or exited) participation per person and insats.
 * `personKey` is the person's keyed hash (null when anonymous); `open` those already open in the förbund.
 */
export function acrossRows(
  planned: readonly { row: number; plan: PlannedParticipation; personKey: string | null }[],
  openInDatabase: ReadonlySet<string>,
): RowIssue[] {
  const issues: RowIssue[] = [];
  const refs = new Map<string, number>();
  const open = new Map<string, number>();
  for (const { row, plan, personKey } of planned) {
    const first = refs.get(plan.sourceRef);
    if (first !== undefined) {
      issues.push({ row, field: 'sourceRef', message: `The same sourceRef as row ${first}` });
    }
    refs.set(plan.sourceRef, row);
    if (personKey && ['REFERRED', 'ACCEPTED', 'ENROLLED'].includes(plan.fields.status)) {
      const key = `${plan.fields.interventionId}:${personKey}`;
      const earlier = open.get(key);
      if (earlier !== undefined || openInDatabase.has(key)) {
        issues.push({
          row,
          field: 'personnummer',
          message:
            earlier !== undefined
              ? `The person already has an open participation in this insats (row ${earlier})`
              : 'The person already has an open referral or participation in this insats',
        });
      }
      open.set(key, row);
    }
  }
  return issues;
}
