import { Channel } from '@omni/platform';
import { cleanHelpArticle, helpfulRate, helpQueryTerms, publishedOn } from '../src/domain/help';

describe('cleanHelpArticle', () => {
  const base = { title: 'Returns', answer: 'Within 30 days.' };
  it.each<[string, Record<string, unknown>, string | null, string[] | null]>([
    ['a plain article', {}, null, null],
    ['an empty title', { title: '  ' }, 'INVALID_TITLE', ['input', 'title']],
    ['a two-line title', { title: 'a\nb' }, 'INVALID_TITLE', ['input', 'title']],
    ['a title of 201 characters', { title: 't'.repeat(201) }, 'INVALID_TITLE', ['input', 'title']],
    ['a null byte in the answer', { answer: 'a\u0000b' }, 'INVALID_ANSWER', ['input', 'answer']],
    ['an answer of 10,001 characters', { answer: 'a'.repeat(10_001) }, 'INVALID_ANSWER', ['input', 'answer']],
    ['line breaks in the answer', { answer: 'one\r\ntwo\tthree' }, null, null],
    ['an empty tag', { tags: ['ok', ' '] }, 'INVALID_TAG', ['input', 'tags', '1']],
    ['a tag with a comma', { tags: ['beds, sofas'] }, 'INVALID_TAG', ['input', 'tags', '0']],
    ['a category with a comma', { categories: ['Home, Garden'] }, 'INVALID_CATEGORY', ['input', 'categories', '0']],
    ['21 tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'INVALID_TAG', ['input', 'tags']],
    ['a product id of 37 characters', { productIds: ['p'.repeat(37)] }, 'INVALID_PRODUCT', ['input', 'productIds', '0']],
    ['a category of 101 characters', { categories: ['c'.repeat(101)] }, 'INVALID_CATEGORY', ['input', 'categories', '0']],
  ])('%s', (_, change, code, field) => {
    const result = cleanHelpArticle({ ...base, ...change } as never);
    if (code) expect(result).toEqual(expect.objectContaining({ code, field }));
    else expect(result).not.toHaveProperty('code');
  });

  it('lower-cases and de-duplicates tags, keeps channels once', () => {
    expect(
      cleanHelpArticle({
        ...base,
        tags: ['Returns', 'returns ', 'Exchange'],
        channels: [Channel.WEB, Channel.WEB, Channel.KIOSK],
      }),
    ).toEqual({
      title: 'Returns',
      answer: 'Within 30 days.',
      tags: ['returns', 'exchange'],
      productIds: [],
      categories: [],
      channels: [Channel.WEB, Channel.KIOSK],
    });
  });
});

describe('helpQueryTerms', () => {
  it.each<[string, string[]]>([
    ['return or exchange', ['return', 'exchange']],
    ['How do I return my bookcase?', ['return', 'bookcase']],
    ['how to', ['how', 'to']],
    ['Shelf shelf SHELF', ['shelf']],
    ['?!', []],
  ])('%s', (query, terms) => {
    expect(helpQueryTerms(query)).toEqual(terms);
  });
});

describe('publishedOn', () => {
  it.each<[boolean, Channel[], Channel | null, boolean]>([
    [true, [], Channel.KIOSK, true],
    [true, [Channel.WEB], Channel.WEB, true],
    [true, [Channel.WEB], Channel.KIOSK, false],
    [true, [Channel.WEB], null, true],
    [false, [], Channel.WEB, false],
  ])('published %s on %j, asked on %s: %s', (published, channels, channel, shown) => {
    expect(publishedOn({ published, channels }, channel)).toBe(shown);
  });
});

describe('helpfulRate', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 1, 0.75],
    [0, 2, 0],
  ])('%i yes, %i no: %s', (yes, no, rate) => {
    expect(helpfulRate(yes, no)).toBe(rate);
  });
});
