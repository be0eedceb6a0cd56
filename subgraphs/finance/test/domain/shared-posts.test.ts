/** A shared post (Kurator Region, seed 001): counted once, through the insatser it serves. */
import { forbundCostInput } from '../../src/domain/forbund-costs.js';
import { isShared, postFte } from '../../src/domain/shared-posts.js';

describe('a shared post', () => {
  const kurator = [
    { interventionId: 'hallstahammar', ftePercent: 20 },
    { interventionId: 'surahammar', ftePercent: 20 },
  ];

  it('is the time it gives the insatser it serves: Kurator Region 20 % + 20 %', () => {
    expect(postFte(kurator)).toBe(40);
  });

  it('serves at least two different insatser', () => {
    expect(isShared(kurator)).toBe(true);
    expect(isShared([kurator[0]!, kurator[0]!])).toBe(false);
  });
});

describe('an own cost of the förbund', () => {
  it('is more than 0 kr, of an own category, booked in a FINSAM year', () => {
    const cost = { bookedOn: '2022-03-31', category: 'KANSLI', description: 'Kansli Q1', amount: 50_000 };
    expect(forbundCostInput.safeParse(cost).success).toBe(true);
    expect(forbundCostInput.safeParse({ ...cost, amount: 0 }).success).toBe(false);
    expect(forbundCostInput.safeParse({ ...cost, category: 'INDIVIDUAL_INTERVENTION' }).success).toBe(false);
    expect(forbundCostInput.safeParse({ ...cost, bookedOn: '2003-12-31' }).success).toBe(false);
  });
});
