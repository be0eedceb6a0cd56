/** Which bodies a caller reads, without a database. */
import { readableStyrgrupper } from '../../src/domain/bodies.js';

const SALA = 'a0000000-0000-4000-8000-000000000001';
const HALLSTA = 'a0000000-0000-4000-8000-000000000002';

describe('readableStyrgrupper', () => {
  it('gives administrators and the board every body of the förbund', () => {
    expect(readableStyrgrupper({ wholeForbund: true, staffOf: [], steeringOf: [SALA] })).toBeNull();
  });

  it('gives a styrgrupp member only the styrgrupper of the insatser they steer', () => {
    expect(readableStyrgrupper({ wholeForbund: false, staffOf: [], steeringOf: [HALLSTA] })).toEqual([HALLSTA]);
  });

  it('gives staff their own insatser’s styrgrupper, once each when they also steer one', () => {
    expect(readableStyrgrupper({ wholeForbund: false, staffOf: [SALA, HALLSTA], steeringOf: [HALLSTA] })).toEqual([
      SALA,
      HALLSTA,
    ]);
  });

  it('gives someone of neither no body at all (not the board’s)', () => {
    expect(readableStyrgrupper({ wholeForbund: false, staffOf: [], steeringOf: [] })).toEqual([]);
  });
});
