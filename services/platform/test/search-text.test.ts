import { fts5Query, fts5SpellingQuery, isWordless, queryTerms, spellingCandidates, tsQuery } from '../src/search/text';

/** The shared full-text rules (catalog's own table tests cover typo budgets and edit distance). */
describe('full-text rules', () => {
  it.each<[string | null, string[]]>([
    ['Return or Exchange?', ['return', 'or', 'exchange']],
    ['crème  brûlée', ['crème', 'brûlée']],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
    [null, []],
  ])('queryTerms(%j)', (query, terms) => {
    expect(queryTerms(query)).toEqual(terms);
  });

  it.each<[string | null, boolean]>([
    ['?!', true],
    ['  ', false],
    ['shelf', false],
    [null, false],
  ])('isWordless(%j)', (query, wordless) => {
    expect(isWordless(query)).toBe(wordless);
  });

  it('writes FTS5 and to_tsquery expressions of prefixes', () => {
    expect(fts5Query(['lin', 'shirt'])).toBe('"lin"* AND "shirt"*');
    expect(tsQuery(['lin', 'shirt'])).toBe('lin:* & shirt:*');
  });

  it('joins corrections with AND (every word) or OR (any word, ranked by how many)', () => {
    const vocabulary = [
      { term: 'exchange', documents: 3 },
      { term: 'return', documents: 5 },
    ];
    const candidates = [spellingCandidates('exchnage', vocabulary), spellingCandidates('retrun', vocabulary)];
    expect(candidates).toEqual([['exchange'], ['return']]);
    expect(fts5SpellingQuery(['exchnage', 'retrun'], candidates)).toBe('("exchnage"* OR "exchange") AND ("retrun"* OR "return")');
    expect(fts5SpellingQuery(['exchnage', 'box'], [['exchange'], []], 'OR')).toBe('("exchnage"* OR "exchange") OR "box"*');
  });
});
