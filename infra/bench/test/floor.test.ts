import { sessions } from '../floor.js';

describe('SQL floor sessions', () => {
  it('one session per database and client, statements in the order sent, sessions by first statement', () => {
    const s = (database: string, connection: number, text: string) => ({ database, connection, text, values: [] });
    const grouped = sessions([
      s('teams', 0, 'begin'),
      s('participants', 0, 'select 1'),
      s('teams', 0, "select set_config('finsam.tenant', $1, true)"),
      s('teams', 1, 'select 2'),
      s('teams', 0, 'commit'),
    ]);
    expect(grouped).toEqual([
      {
        database: 'teams',
        statements: [
          { text: 'begin', values: [] },
          { text: "select set_config('finsam.tenant', $1, true)", values: [] },
          { text: 'commit', values: [] },
        ],
      },
      { database: 'participants', statements: [{ text: 'select 1', values: [] }] },
      { database: 'teams', statements: [{ text: 'select 2', values: [] }] },
    ]);
  });
});
