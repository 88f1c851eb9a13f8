import { editDistance, fts5SpellingQuery, isWordless, spellingCandidates, typosAllowed } from '../src/domain/search';

describe('spelling fallback rules', () => {
  it.each([
    ['sweatr', 'sweater', 1],
    ['sweater', 'sweater', 0],
    ['shrit', 'shirt', 1], // two neighbours swapped
    ['jaket', 'jacket', 1],
    ['linnen', 'linen', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['café', 'cafe', 1],
  ])('%s -> %s is %d edits', (a, b, d) => {
    expect(editDistance(a, b, 5)).toBe(d);
    expect(editDistance(b, a, 5)).toBe(d);
  });

  it('stops counting past the limit', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });

  it.each([
    ['tee', 0],
    ['coat', 1],
    ['sweatr', 1],
    ['sweaters', 2],
  ])('tolerates typos in %s: %d', (term, n) => {
    expect(typosAllowed(term)).toBe(n);
  });

  it('suggests the closest, most used index words within the typos allowed', () => {
    const vocabulary = [
      { term: 'sweater', documents: 4 },
      { term: 'sweatshirt', documents: 9 },
      { term: 'sweat', documents: 1 },
      { term: 'swear', documents: 7 },
      { term: 'sweatr', documents: 1 }, // the term itself: the exact query already finds it
    ];
    expect(spellingCandidates('sweatr', vocabulary)).toEqual(['swear', 'sweater', 'sweat']);
    expect(spellingCandidates('sweatr', vocabulary, 1)).toEqual(['swear']);
    expect(spellingCandidates('tee', [{ term: 'toe', documents: 1 }])).toEqual([]);
  });

  it('writes the corrected FTS5 query: every term as a prefix or one of its corrections', () => {
    expect(fts5SpellingQuery(['blue', 'sweatr'], [[], ['sweater', 'sweat']])).toBe(
      '"blue"* AND ("sweatr"* OR "sweater" OR "sweat")',
    );
  });

  it.each([
    ['!!!', true],
    ['🧶🧶', true],
    ['  ', false],
    ['', false],
    [null, false],
    ['sweater!', false],
  ])('a query of %j has no words: %s', (query, wordless) => {
    expect(isWordless(query)).toBe(wordless);
  });
});
