/**
 * A questionnaire version as data: the instrument file (format `finsam-instrument/1`, YAML; JSON is YAML too),
 * documented in the subgraph's README. A förbund that holds the national agreement loads the real file; the
 * platform never words a statement itself. Loading checks the whole file and names every problem by its line and,
 * for a statement, its number (1-based), so whoever prepared the file can find it.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { RespondentGroup } from '../entities/Instrument.js';
import { createSchema, INDICATORS, itemSchema, type NewInstrument, RESPONDENT_GROUPS } from './instrument.js';

export const INSTRUMENT_FILE_FORMAT = 'finsam-instrument/1';
/** Longest file accepted: a questionnaire of 100 statements fits many times over. */
export const INSTRUMENT_FILE_MAX_LENGTH = 200_000;

/** One problem in an instrument file: where (line, statement, path in the file) and what. */
export interface InstrumentFileProblem {
  /** 1-based line of the file; the nearest enclosing entry's line when the value is missing. */
  line: number;
  /** 1-based number of the statement (`items`) it concerns, or null for the file's other entries. */
  item: number | null;
  path: (string | number)[];
  message: string;
}

/** The file cannot be loaded; nothing was written. */
export class InstrumentFileError extends Error {
  readonly code = 'INSTRUMENT_FILE';
  constructor(readonly problems: InstrumentFileProblem[]) {
    super(
      problems.map((p) => `line ${p.line}${p.item === null ? '' : `, statement ${p.item}`}: ${p.message}`).join('; '),
    );
    this.name = 'InstrumentFileError';
  }
}

const fileItemSchema = itemSchema.omit({ required: true }).extend({ optional: z.boolean().optional() }).strict();

const fileSchema = createSchema
  .omit({ items: true })
  .extend({
    format: z.literal(INSTRUMENT_FILE_FORMAT, { message: `The first entry is format: ${INSTRUMENT_FILE_FORMAT}` }),
    version: z.number().int().min(1, 'Versions are numbered from 1'),
    items: z.array(fileItemSchema).min(1, 'A questionnaire has at least one statement').max(100),
  })
  .strict();

/** A loaded file: a questionnaire version (its statements required unless marked optional) and its number. */
export type InstrumentFile = NewInstrument & {
  version: number;
  respondentGroup: RespondentGroup;
  /** The line of `version`, for a problem with the number found later (it is not the group's next). */
  versionLine: number;
};

/** The questionnaire version a file describes; or an InstrumentFileError listing every problem. */
export function parseInstrumentFile(text: string): InstrumentFile {
  if (text.length > INSTRUMENT_FILE_MAX_LENGTH) {
    throw new InstrumentFileError([
      { line: 1, item: null, path: [], message: `The file is longer than ${INSTRUMENT_FILE_MAX_LENGTH} characters` },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new InstrumentFileError(
      doc.errors.map((e) => ({
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        item: null,
        path: [],
        message: `Not readable as YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  /** The line of the value at `path`, or of the nearest entry above it that is there. */
  const lineOf = (path: (string | number)[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        return lineCounter.linePos(node.range[0]).line;
      }
    }
    return 1;
  };
  const result = fileSchema.safeParse(doc.toJS());
  if (result.success) {
    const { items, format: _format, ...rest } = result.data;
    return {
      ...rest,
      items: items.map(({ optional, ...item }) => ({ ...item, required: !optional })),
      versionLine: lineOf(['version']),
    };
  }
  throw new InstrumentFileError(
    result.error.issues.map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const item = path[0] === 'items' && typeof path[1] === 'number' ? path[1] + 1 : null;
      return {
        // An unknown key is found by its own name, so the line is the key's.
        line: keys.length ? lineOf([...path, keys[0]!]) : lineOf(path),
        item,
        path,
        message: keys.length ? `Unknown entry: ${keys.join(', ')}` : issue.message,
      };
    }),
  );
}

/** The indicators (1–16) no statement of these questionnaires measures. */
export function uncoveredIndicators(instruments: readonly { items: readonly { indicator: number }[] }[]): number[] {
  const covered = new Set(instruments.flatMap((i) => i.items.map((item) => item.indicator)));
  return Array.from({ length: INDICATORS.last - INDICATORS.first + 1 }, (_, i) => INDICATORS.first + i).filter(
    (n) => !covered.has(n),
  );
}

/** The respondent groups without a questionnaire among these. */
export function groupsWithout(instruments: readonly { respondentGroup: RespondentGroup }[]): RespondentGroup[] {
  return RESPONDENT_GROUPS.filter((g) => !instruments.some((i) => i.respondentGroup === g));
}

/**
 * Whether loading a file may write its version: a draft of that number is replaced, a published one never
 * changes (the caller throws PublishedInstrumentError), and a new number must be the group's next.
 */
export function loadTarget(
  file: { version: number },
  existing: { version: number; publishedAt?: Date | null } | null,
  latest: { version: number } | null,
): 'CREATE' | 'REPLACE_DRAFT' | 'PUBLISHED' | { next: number } {
  if (existing) {
    return existing.publishedAt ? 'PUBLISHED' : 'REPLACE_DRAFT';
  }
  const next = (latest?.version ?? 0) + 1;
  return file.version === next ? 'CREATE' : { next };
}
