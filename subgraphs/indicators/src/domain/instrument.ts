/**
 * A questionnaire version (Indikatorer för finansiell samordning): fixed statements, each
 * measuring one of the 16 indicators, and an ordinal answer scale (svarsskala) with a label per
 * value and the values that count as positive. A draft may be reworded; once published
 * (fastställd) nothing in it changes, and a new version (the next number) replaces it.
 */
import { parseInput } from '@finsam/kit/validation.js';
import { z } from 'zod';
import type { Scale } from '../entities/Instrument.js';

export const RESPONDENT_GROUPS = [
  'PARTICIPANT_ONGOING',
  'PARTICIPANT_AT_EXIT',
  'INTERVENTION_STAFF',
  'BOARD_MEMBER',
  'MANAGER',
  'REFERRER',
] as const;

/** The national indicators are numbered 1–16. */
export const INDICATORS = { first: 1, last: 16 } as const;

/** A published questionnaire version cannot change: the national texts are never reworded. */
export class PublishedInstrumentError extends Error {
  readonly code = 'PUBLISHED';
  constructor(message = 'This questionnaire version is published and cannot change; create a new version instead') {
    super(message);
    this.name = 'PublishedInstrumentError';
  }
}

export const itemSchema = z.object({
  text: z.string().trim().min(5, 'Give the statement').max(1000),
  indicator: z
    .number()
    .int()
    .min(INDICATORS.first, 'Indicators are numbered 1–16')
    .max(INDICATORS.last, 'Indicators are numbered 1–16'),
  required: z
    .boolean()
    .nullish()
    .transform((v) => v ?? true),
});

export const scaleSchema = z
  .object({
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(11),
    labels: z.array(z.string().trim().min(1).max(100)),
    positiveValues: z.array(z.number().int()).min(1, 'Say which values count as positive'),
  })
  .superRefine((s, ctx) => {
    if (s.max <= s.min) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'The scale needs at least two values' });
    }
    if (s.labels.length !== s.max - s.min + 1) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'One label per value of the scale' });
    }
    s.positiveValues.forEach((v, i) => {
      if (v < s.min || v > s.max) {
        ctx.addIssue({ code: 'custom', path: ['positiveValues', i], message: 'Outside the scale' });
      }
    });
  });

export const createSchema = z.object({
  respondentGroup: z.enum(RESPONDENT_GROUPS),
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().min(2).max(2000),
  scale: scaleSchema,
  items: z.array(itemSchema).min(1, 'A questionnaire has at least one statement').max(100),
});

export type ItemData = z.infer<typeof itemSchema>;
export type NewInstrument = z.infer<typeof createSchema>;

/** A statement from its input (required unless it says otherwise); or a ValidationError. */
export function parseInstrumentItem(input: unknown): ItemData {
  return parseInput(itemSchema, input);
}

/** A new questionnaire version from its input; or a ValidationError. */
export function parseNewInstrument(input: unknown): NewInstrument {
  return parseInput(createSchema, input);
}

/** The scale as stored: its positive values once each, in order. */
export function storedScale({ positiveValues, ...scale }: NewInstrument['scale']): Scale {
  return { ...scale, positive: [...new Set(positiveValues)].sort((a, b) => a - b) };
}

/** A respondent group's next version number: 1 for its first. */
export const nextVersion = (latest: { version: number } | null | undefined) => (latest?.version ?? 0) + 1;

/** A draft may change; a published version may not (PublishedInstrumentError). */
export function assertDraft(instrument: { publishedAt?: Date | null }): void {
  if (instrument.publishedAt) {
    throw new PublishedInstrumentError();
  }
}

/** Publishing (fastställa) fixes a draft from now on; a version is published once. */
export function published(instrument: { publishedAt?: Date | null }, now = new Date()): { publishedAt: Date } {
  if (instrument.publishedAt) {
    throw new PublishedInstrumentError('This version is already published');
  }
  return { publishedAt: now };
}

/** Each value of the scale with its label and whether it counts as positive (andel positiva svar). */
export function scaleLabels(s: Scale): { value: number; label: string; positive: boolean }[] {
  return s.labels.map((label, i) => ({ value: s.min + i, label, positive: s.positive.includes(s.min + i) }));
}
