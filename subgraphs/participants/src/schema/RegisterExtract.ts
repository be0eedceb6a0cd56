/**
 * Registerutdrag (GDPR art. 15): everything the förbund holds about one person, found by personnummer,
 * for a förbund administrator who records why. The extract is itself on record twice: a
 * `REGISTER_EXTRACT` row in the tamper-evident `records_event` log (who, when, why, the person's keyed
 * hash, what it held) and an audited read of each participation's identity in `audit_entry`.
 * Sections come from ../domain/register-extract.ts; governance adds the decisions naming each
 * participation (`RegisterExtractParticipation.decisions`), teams the insats.
 */
import { badArgument, forbidden } from '@finsam/kit/errors.js';
import { textProblem } from '@finsam/kit/input.js';
import { tenantOf } from '@finsam/kit/scopes.js';
import { tenantSql } from '@finsam/kit/tenant.js';
import { parsePersonNumber } from '../domain/personnummer.js';
import {
  actionPlanSection,
  auditSection,
  type ExtractSection,
  followUpSection,
  participationSection,
  type SectionKind,
  screeningSection,
} from '../domain/register-extract.js';
import { AuditEntry } from '../entities/AuditEntry.js';
import { Participation } from '../entities/Participation.js';
import { Person } from '../entities/Person.js';
import { decrypt, personHash, personKeys } from '../person-crypto.js';
import { builder } from './builder.js';
import { recordEvent } from './Gallring.js';
import { InterventionRef } from './Intervention.js';

const SectionKindEnum = builder.enumType('RegisterExtractSectionKind', {
  description: 'What a section of a register extract shows.',
  values: {
    PARTICIPATION: { description: 'The participation: referral, decision, consent, enrolment, exit.' },
    ACTION_PLAN: { description: 'The handlingsplan (SIP).' },
    FOLLOW_UP: { description: 'A follow-up.' },
    SCREENING: { description: 'A screening (violence questions, KASAM, SRS, ORS).' },
    AUDIT: { description: 'A logged read of the person’s identity: who, when, why.' },
  } satisfies Record<SectionKind, { description: string }>,
});

const EntryRef = builder.objectRef<{ field: string; label: string; value: string }>('RegisterExtractEntry').implement({
  description: 'One value held about the person.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The field’s name in the records.' }),
    label: t.exposeString('label', { description: 'What it is, in Swedish, as the person reads it.' }),
    value: t.exposeString('value', { description: 'The value, as text.' }),
  }),
});

const SectionRef = builder.objectRef<ExtractSection>('RegisterExtractSection').implement({
  description: 'One record held about the person, as labelled values.',
  fields: (t) => ({
    kind: t.field({ type: SectionKindEnum, description: 'What the record is.', resolve: (s) => s.kind }),
    recordId: t.exposeID('recordId', { description: 'The record’s id.' }),
    title: t.exposeString('title', { description: 'The section’s heading, in Swedish.' }),
    entries: t.field({ type: [EntryRef], description: 'Each value it holds.', resolve: (s) => s.entries }),
  }),
});

interface ExtractParticipation {
  id: string;
  interventionId: string;
  sections: ExtractSection[];
}

export const ExtractParticipationRef = builder
  .objectRef<ExtractParticipation>('RegisterExtractParticipation')
  .implement({
    description:
      'One participation in a register extract, with every record resting on it. An entity only so that ' +
      'governance can add the decisions naming it; it is reached through `registerExtract` alone.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The participation’s id.' }),
      intervention: t.field({
        type: InterventionRef,
        description: 'The insats.',
        resolve: (p) => ({ id: p.interventionId }),
      }),
      sections: t.field({
        type: [SectionRef],
        description: 'The participation, its handlingsplan, follow-ups, screenings and the logged reads.',
        resolve: (p) => p.sections,
      }),
    }),
  });

builder.asEntity(ExtractParticipationRef, {
  key: builder.selection<{ id: string }>('id'),
  // Only `registerExtract` hands one out, with its audit: a bare key gets nothing.
  resolveReference: () => {
    throw forbidden('A register extract is read through registerExtract');
  },
});

interface Extract {
  id: string;
  personnummer: string;
  names: string[];
  protectedIdentity: boolean;
  reason: string;
  generatedAt: Date;
  participations: ExtractParticipation[];
}

const ExtractRef = builder.objectRef<Extract>('RegisterExtract').implement({
  description: 'Registerutdrag (GDPR art. 15): everything the förbund holds about one person.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The extract’s record in the log of register extracts.' }),
    personnummer: t.exposeString('personnummer', { description: 'The person, YYYYMMDD-NNNN.' }),
    names: t.exposeStringList('names', { description: 'The names recorded for the person (one per insats).' }),
    protectedIdentity: t.exposeBoolean('protectedIdentity', {
      description: 'Skyddad personuppgift in some insats: hand the extract over with the care that asks.',
    }),
    reason: t.exposeString('reason', { description: 'Why it was made, as recorded.' }),
    generatedAt: t.field({ type: 'DateTime', description: 'When it was made.', resolve: (e) => e.generatedAt }),
    participations: t.field({
      type: [ExtractParticipationRef],
      description: 'Every participation of the person in the förbund, with the records resting on each.',
      resolve: (e) => e.participations,
    }),
  }),
});

builder.queryField('registerExtract', (t) =>
  t.field({
    type: ExtractRef,
    description:
      'A register extract (registerutdrag, GDPR art. 15) for one person in your förbund. Förbund administrators ' +
      'only, with a reason; the extract is logged and each participation’s identity read is audited.',
    authScopes: { tenantAdmin: true },
    args: {
      personnummer: t.arg.string({ required: true, description: 'The person, YYYYMMDD-NNNN.' }),
      reason: t.arg.string({
        required: true,
        description: 'Why the extract is made (one line), e.g. the request’s number.',
      }),
    },
    resolve: async (_r, args, ctx) => {
      const parsed = parsePersonNumber(args.personnummer);
      if (typeof parsed === 'string') {
        throw badArgument('personnummer', parsed);
      }
      const reason = args.reason.trim();
      const problem = reason ? textProblem(reason, 200, true) : 'Say why the extract is made';
      if (problem) {
        throw badArgument('reason', problem);
      }
      const keys = personKeys(ctx.secrets);
      const hash = personHash(keys, tenantOf(ctx), parsed.value);
      return ctx.em.transactional(async (tx) => {
        const persons = await tx.find(Person, { personNumberHash: hash }, { orderBy: { id: 'asc' } });
        const participations = persons.length
          ? await tx.find(
              Participation,
              { person: { $in: persons.map((p) => p.id) } },
              { populate: ['followUps', 'screenings'], orderBy: { referredOn: 'asc', id: 'asc' } },
            )
          : [];
        const ids = participations.map((p) => p.id);
        const reads = ids.length
          ? await tx.find(AuditEntry, { participationId: { $in: ids } }, { orderBy: { at: 'asc', id: 'asc' } })
          : [];
        const extracted = participations.map((p) => ({
          id: p.id,
          interventionId: p.interventionId,
          sections: [
            participationSection(p),
            ...(p.actionPlan ? [actionPlanSection(p.id, p.actionPlan)] : []),
            ...p.followUps.getItems().map(followUpSection),
            ...p.screenings.getItems().map(screeningSection),
            ...reads.filter((r) => r.participationId === p.id).map(auditSection),
          ],
        }));
        // On record before anything is handed out: the identity reads, then the extract itself.
        if (ids.length) {
          const { bind, build } = tenantSql(tx);
          const audited = ids.map((participationId) => ({
            participationId,
            fields: ['name', 'personnummer', 'registerExtract'],
            reason: `Registerutdrag: ${reason}`,
          }));
          const { sql, params } = build(
            `select "record_audit_reads"(${bind(JSON.stringify(audited))}::jsonb, ${bind(ctx.requestId)})`,
          );
          await tx.execute(sql, params);
        }
        const sections = extracted.reduce((n, p) => n + p.sections.length, 0);
        const id = await recordEvent(
          { ...ctx, em: tx },
          'REGISTER_EXTRACT',
          { participationIds: ids, sections },
          { reason, personHash: hash },
        );
        const names = [...new Set(persons.flatMap((p) => (p.nameCipher ? [decrypt(keys, p.nameCipher)] : [])))].sort();
        return {
          id,
          personnummer: parsed.value,
          names,
          protectedIdentity: persons.some((p) => p.protectedIdentity),
          reason,
          generatedAt: new Date(),
          participations: extracted,
        };
      });
    },
  }),
);
