/** Name-based ids (UUID version 5): the same as any other implementation's, so copies find each other. */
import { derivedId, isUuid } from '../../src/ids.js';

describe('derivedId', () => {
  it('is RFC 9562 version 5: the same id as Python’s uuid5 for the same namespace and name', () => {
    expect(derivedId('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
    expect(derivedId('1c7e0000-0000-4000-8000-000000000009', 'insats')).toBe('b7a251a7-0539-594a-9873-8847f9198987');
  });

  it('gives the same id for the same inputs and another for another name or namespace', () => {
    const a = derivedId('1c7e0000-0000-4000-8000-000000000009', 'x');
    expect(isUuid(a)).toBe(true);
    expect(derivedId('1c7e0000-0000-4000-8000-000000000009', 'x')).toBe(a);
    expect(derivedId('1c7e0000-0000-4000-8000-000000000009', 'y')).not.toBe(a);
    expect(derivedId('1c7e0000-0000-4000-8000-00000000000a', 'x')).not.toBe(a);
  });
});
