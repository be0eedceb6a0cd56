/** Questionnaire versions alone: statements, the answer scale, version numbers, and published = fixed. */
import {
  assertDraft,
  nextVersion,
  PublishedInstrumentError,
  parseInstrumentItem,
  parseNewInstrument,
  published,
  scaleLabels,
  storedScale,
} from '../../src/domain/instrument.js';
import { issuesOf } from './issues.js';

const scale = { min: 1, max: 4, labels: ['Nej', 'Knappast', 'Delvis', 'Ja'], positiveValues: [4, 3, 4] };
const input = (change: Record<string, unknown> = {}) => ({
  respondentGroup: 'REFERRER',
  name: 'Remittentenkät',
  description: 'Till remittenter',
  scale,
  items: [
    { text: 'Jag vet vart jag kan remittera.', indicator: 10 },
    { text: 'Återkopplingen är tydlig.', indicator: 11, required: false },
  ],
  ...change,
});

describe('a questionnaire version', () => {
  it('takes statements in order, each required unless it says otherwise', () => {
    expect(parseNewInstrument(input()).items.map((i) => i.required)).toEqual([true, false]);
    expect(parseInstrumentItem({ text: 'Jag blir lyssnad på.', indicator: 1, required: null }).required).toBe(true);
  });

  it.each([
    ['no statement', { items: [] }, ['input', 'items'], 'A questionnaire has at least one statement'],
    [
      'a statement too short',
      { items: [{ text: 'Ja?', indicator: 1 }] },
      ['input', 'items', 0, 'text'],
      'Give the statement',
    ],
    [
      'an indicator past 16',
      { items: [{ text: 'Jag blir lyssnad på.', indicator: 17 }] },
      ['input', 'items', 0, 'indicator'],
      'Indicators are numbered 1–16',
    ],
    [
      'an indicator 0',
      { items: [{ text: 'Jag blir lyssnad på.', indicator: 0 }] },
      ['input', 'items', 0, 'indicator'],
      'Indicators are numbered 1–16',
    ],
  ])('refuses %s', (_name, change, path, message) => {
    expect(issuesOf(() => parseNewInstrument(input(change)))).toEqual([{ path, message }]);
  });
});

describe('the answer scale (svarsskala)', () => {
  const withScale = (change: Record<string, unknown>) => input({ scale: { ...scale, ...change } });

  it.each([
    [
      'one value only',
      { max: 1, labels: ['Ja'], positiveValues: [1] },
      ['input', 'scale', 'max'],
      'The scale needs at least two values',
    ],
    [
      'a label missing',
      { labels: ['Nej', 'Delvis', 'Ja'] },
      ['input', 'scale', 'labels'],
      'One label per value of the scale',
    ],
    [
      'no positive value',
      { positiveValues: [] },
      ['input', 'scale', 'positiveValues'],
      'Say which values count as positive',
    ],
    [
      'a positive value off the scale',
      { positiveValues: [4, 5] },
      ['input', 'scale', 'positiveValues', 1],
      'Outside the scale',
    ],
  ])('refuses %s', (_name, change, path, message) => {
    expect(issuesOf(() => parseNewInstrument(withScale(change)))).toEqual([{ path, message }]);
  });

  it('is stored with its positive values once each, in order', () => {
    expect(storedScale(parseNewInstrument(input()).scale)).toEqual({
      min: 1,
      max: 4,
      labels: ['Nej', 'Knappast', 'Delvis', 'Ja'],
      positive: [3, 4],
    });
  });

  it('labels every value, marking the positive ones', () => {
    expect(scaleLabels({ min: 0, max: 2, labels: ['Nej', 'Delvis', 'Ja'], positive: [2] })).toEqual([
      { value: 0, label: 'Nej', positive: false },
      { value: 1, label: 'Delvis', positive: false },
      { value: 2, label: 'Ja', positive: true },
    ]);
  });
});

describe('versions and publishing (fastställa)', () => {
  it('numbers a respondent group’s versions from 1', () => {
    expect(nextVersion(null)).toBe(1);
    expect(nextVersion({ version: 3 })).toBe(4);
  });

  it('lets a draft change, never a published version', () => {
    expect(() => assertDraft({ publishedAt: null })).not.toThrow();
    const error = (() => {
      try {
        assertDraft({ publishedAt: new Date() });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PublishedInstrumentError);
    expect(error).toMatchObject({
      code: 'PUBLISHED',
      message: 'This questionnaire version is published and cannot change; create a new version instead',
    });
  });

  it('publishes a draft once', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(published({ publishedAt: null }, now)).toEqual({ publishedAt: now });
    expect(() => published({ publishedAt: now })).toThrow(
      new PublishedInstrumentError('This version is already published'),
    );
  });
});
