/** What a result line shows under the minimum n, alone. */
import { distribution, type Figures, indicatorsOf, shown } from '../../src/domain/results.js';

const scale = { min: 1, max: 3, labels: ['Nej', 'Delvis', 'Ja'], positive: [3] };
const figures: Figures = { suppressed: false, n: 5, mean: 2.6, share_positive: 0.2, distribution: { 2: 4, 3: 1 } };
const hidden: Figures = { suppressed: true, n: null, mean: null, share_positive: null, distribution: null };

describe('a result line', () => {
  it('shows its figures when it reaches the minimum n', () => {
    expect(shown(figures)).toBe(figures);
  });

  it('shows nothing below the minimum n, or without answers', () => {
    expect(shown(hidden)).toBeNull();
    expect(shown({ ...figures, suppressed: true })).toBeNull();
    expect(shown(undefined)).toBeNull();
  });

  it('lists every value of the scale in its distribution, with 0 where no one answered it', () => {
    expect(distribution(scale, figures)).toEqual([
      { value: 1, label: 'Nej', positive: false, count: 0 },
      { value: 2, label: 'Delvis', positive: false, count: 4 },
      { value: 3, label: 'Ja', positive: true, count: 1 },
    ]);
  });

  it('gives no distribution below the minimum n, even one the database sent by mistake', () => {
    expect(distribution(scale, hidden)).toBeNull();
    expect(distribution(scale, { ...figures, suppressed: true })).toBeNull();
    expect(distribution(scale, undefined)).toBeNull();
  });

  it('reports each indicator the statements measure once, in order', () => {
    expect(indicatorsOf([{ indicator: 6 }, { indicator: 1 }, { indicator: 6 }, { indicator: 2 }])).toEqual([1, 2, 6]);
  });
});
