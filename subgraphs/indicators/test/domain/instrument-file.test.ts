/** Instrument files (format finsam-instrument/1): read, checked, every problem named by line and statement. */
import { DEMO_INSTRUMENT, DEMO_INSTRUMENT_FILES, demoInstrumentFile } from '../../src/demo/surveys.js';
import {
  groupsWithout,
  InstrumentFileError,
  loadTarget,
  parseInstrumentFile,
  uncoveredIndicators,
} from '../../src/domain/instrument-file.js';

const GOOD = `format: finsam-instrument/1
respondentGroup: BOARD_MEMBER
version: 1
name: Styrelseenkät (test)
description: Test version
scale:
  min: 1
  max: 4
  labels: [Nej, Knappast, Delvis, Ja]
  positiveValues: [4, 3, 4]
items:
  - indicator: 10
    text: Målen är kända.
  - indicator: 16
    text: Vi följer upp för kvinnor och män.
    optional: true
`;

function problemsOf(text: string) {
  try {
    parseInstrumentFile(text);
  } catch (error) {
    if (error instanceof InstrumentFileError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected an InstrumentFileError, and the file loaded');
}

describe('reading an instrument file', () => {
  it('gives the questionnaire version, statements required unless marked optional', () => {
    const file = parseInstrumentFile(GOOD);
    expect(file).toMatchObject({
      respondentGroup: 'BOARD_MEMBER',
      version: 1,
      versionLine: 3,
      scale: { min: 1, max: 4, positiveValues: [4, 3, 4] },
      items: [
        { indicator: 10, text: 'Målen är kända.', required: true },
        { indicator: 16, text: 'Vi följer upp för kvinnor och män.', required: false },
      ],
    });
  });

  it('reads JSON too (JSON is YAML)', () => {
    const json = JSON.stringify({
      format: 'finsam-instrument/1',
      respondentGroup: 'REFERRER',
      version: 2,
      name: 'Remittentenkät',
      description: 'Test',
      scale: { min: 0, max: 1, labels: ['Nej', 'Ja'], positiveValues: [1] },
      items: [{ indicator: 15, text: 'Jag får återkoppling.' }],
    });
    expect(parseInstrumentFile(json)).toMatchObject({ respondentGroup: 'REFERRER', version: 2 });
  });

  it('names the line and the statement of every problem', () => {
    const bad = GOOD.replace('indicator: 16', 'indicator: 17')
      .replace('text: Målen är kända.', 'text: Mål')
      .replace('    optional: true', '    optinal: true');
    expect(problemsOf(bad)).toEqual([
      { line: 13, item: 1, path: ['items', 0, 'text'], message: 'Give the statement' },
      { line: 14, item: 2, path: ['items', 1, 'indicator'], message: 'Indicators are numbered 1–16' },
      { line: 16, item: 2, path: ['items', 1], message: 'Unknown entry: optinal' },
    ]);
  });

  it('names a missing entry at the nearest line there is', () => {
    const problems = problemsOf(GOOD.replace('  - indicator: 10\n', '  - \n'));
    expect(problems).toEqual([{ line: 13, item: 1, path: ['items', 0, 'indicator'], message: expect.any(String) }]);
    expect(problemsOf(GOOD.replace('respondentGroup: BOARD_MEMBER', 'respondentGroup: STYRELSE'))).toEqual([
      { line: 2, item: null, path: ['respondentGroup'], message: expect.any(String) },
    ]);
    expect(problemsOf(GOOD.replace('format: finsam-instrument/1\n', ''))).toEqual([
      { line: 1, item: null, path: ['format'], message: 'The first entry is format: finsam-instrument/1' },
    ]);
  });

  it('names the line of text that is not YAML, and of a scale that does not add up', () => {
    expect(problemsOf('format: [unclosed\nname: x')[0]).toMatchObject({ item: null, message: /^Not readable as YAML/ });
    expect(problemsOf(GOOD.replace('labels: [Nej, Knappast, Delvis, Ja]', 'labels: [Nej, Ja]'))).toEqual([
      { line: 9, item: null, path: ['scale', 'labels'], message: 'One label per value of the scale' },
    ]);
  });

  it('refuses the same key twice, naming its line', () => {
    const [problem] = problemsOf(`${GOOD}version: 2\n`);
    expect(problem).toMatchObject({ line: 17, item: null, message: /^Not readable as YAML/ });
  });
});

describe('loading a version', () => {
  it('creates the next version, replaces a draft of the same number, never a published one', () => {
    expect(loadTarget({ version: 1 }, null, null)).toBe('CREATE');
    expect(loadTarget({ version: 3 }, null, { version: 2 })).toBe('CREATE');
    expect(loadTarget({ version: 5 }, null, { version: 2 })).toEqual({ next: 3 });
    expect(loadTarget({ version: 2 }, { version: 2, publishedAt: null }, { version: 2 })).toBe('REPLACE_DRAFT');
    expect(loadTarget({ version: 2 }, { version: 2, publishedAt: new Date() }, { version: 2 })).toBe('PUBLISHED');
  });
});

describe('the demo questionnaires', () => {
  const files = DEMO_INSTRUMENT_FILES.map((name) => parseInstrumentFile(demoInstrumentFile(name)));

  it('cover all 16 indicators and every respondent group', () => {
    expect(uncoveredIndicators([...files, DEMO_INSTRUMENT])).toEqual([]);
    expect(uncoveredIndicators(files)).toEqual([]);
    expect(groupsWithout(files)).toEqual([]);
    expect(uncoveredIndicators([DEMO_INSTRUMENT])).toEqual([5, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('say they are demo paraphrases, not the national texts', () => {
    for (const name of DEMO_INSTRUMENT_FILES) {
      expect(demoInstrumentFile(name)).toMatch(/^# DEMO - NOT THE NATIONAL QUESTIONNAIRE/);
    }
    for (const file of files) {
      expect(file.description).toMatch(/^DEMO: påhittade omskrivningar/);
      expect(file.name).toMatch(/\(demo, omskriven\)$/);
    }
  });
});
