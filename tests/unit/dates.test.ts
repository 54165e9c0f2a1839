import { describe, expect, it } from 'vitest';
import { isActiveIn, isIsoDate, windowProblem } from '../../src/domain/dates.js';
import { foldForSearch } from '../../src/domain/search.js';

describe('isIsoDate', () => {
  it.each(['2017-12-08', '2016-02-29', '2000-02-29', '0001-01-01'])('accepts %s', (d) =>
    expect(isIsoDate(d)).toBe(true),
  );
  it.each([
    '2017-02-29',
    '1900-02-29',
    '2017-04-31',
    '2017-00-10',
    '2017-12-00',
    '2017-1-01',
    '20171208',
    ' 2017-12-08',
    '2017-12-08Z',
    20171208,
    null,
  ])('rejects %j', (d) => expect(isIsoDate(d)).toBe(false));
});

describe('windowProblem', () => {
  it('accepts open and closed windows, and a single day', () => {
    expect(windowProblem({ from: null, to: null })).toBeNull();
    expect(windowProblem({ from: '2017-12-01', to: '2017-12-01' })).toBeNull();
  });
  it('names a reversed window', () =>
    expect(windowProblem({ from: '2018-01-02', to: '2018-01-01' })).toBe('from (2018-01-02) is after to (2018-01-01)'));
  it('names a bad end', () =>
    expect(windowProblem({ from: '2018-13-01', to: null })).toMatch(/^from is not a YYYY-MM-DD date/));
});

describe('isActiveIn', () => {
  const closed = { since: '2017-10-01', until: '2017-12-31' };
  const open = { since: '2017-10-01', until: null };
  it('is inclusive at both ends', () => {
    expect(isActiveIn(closed, { from: '2017-12-31', to: null })).toBe(true);
    expect(isActiveIn(closed, { from: null, to: '2017-10-01' })).toBe(true);
    expect(isActiveIn(closed, { from: '2018-01-01', to: null })).toBe(false);
    expect(isActiveIn(closed, { from: null, to: '2017-09-30' })).toBe(false);
  });
  it('treats a null until as still going', () =>
    expect(isActiveIn(open, { from: '2030-01-01', to: '2030-01-01' })).toBe(true));
  it('treats a null window as everything', () => expect(isActiveIn(closed, null)).toBe(true));
});

describe('foldForSearch', () => {
  it.each([
    ['Hayʾat Taḥrīr al-Shām', 'hayat tahrir al sham'],
    ["Bashar Al-Ja'afari", 'bashar al jaafari'],
    ['Türkiye', 'turkiye'],
    ['  ISIS!! ', 'isis'],
  ])('folds %j to %j', (input, folded) => expect(foldForSearch(input)).toBe(folded));
});
