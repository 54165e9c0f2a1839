import { describe, expect, it } from 'vitest';
import { ALL_TIME, dateSpan, dateWindow, dayWindow, isIsoDate, startsAfter } from '../../src/domain/dates.js';
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

describe('dateWindow', () => {
  it('accepts open and closed windows, and a single day; absent ends are open', () => {
    expect(dateWindow({ from: null, to: null })).toEqual({ from: null, to: null });
    expect(dateWindow(undefined)).toEqual(ALL_TIME);
    expect(dateWindow({ to: '2017-12-01' })).toEqual({ from: null, to: '2017-12-01' });
    expect(dateWindow({ from: '2017-12-01', to: '2017-12-01' })).toEqual(dayWindow('2017-12-01'));
  });
  it('is a frozen value: no one changes a window after it was checked', () =>
    expect(Object.isFrozen(dateWindow({ from: '2017-12-01' }))).toBe(true));
  const refusal = (build: () => unknown) => {
    try {
      build();
    } catch (error) {
      return error;
    }
    throw new Error('no error');
  };
  it('names a reversed window and the argument, as a client error', () =>
    expect(refusal(() => dateWindow({ from: '2018-01-02', to: '2018-01-01' }, 'window'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'window',
      message: 'window: from (2018-01-02) is after to (2018-01-01)',
    }));
  it('names a bad end', () =>
    expect(refusal(() => dateWindow({ from: '2018-13-01' }, 'window'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'window: from is not a YYYY-MM-DD date: "2018-13-01"',
    }));
  it('makes a span of two given ends, named by its field', () => {
    expect(dateSpan('2017-01-01', '2017-12-31', 'from')).toEqual({ from: '2017-01-01', to: '2017-12-31' });
    expect(refusal(() => dateSpan('2018-01-01', '2017-01-01', 'from'))).toMatchObject({ field: 'from' });
  });
});

describe('startsAfter', () => {
  const closed = { since: '2017-10-01', until: '2017-12-31' };
  it('stops a walk in since order only past the window end', () => {
    expect(startsAfter(closed, dayWindow('2017-09-30'))).toBe(true);
    expect(startsAfter(closed, dayWindow('2017-10-01'))).toBe(false);
    expect(startsAfter(closed, ALL_TIME)).toBe(false);
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Hayʾat Taḥrīr al-Shām', 'hayat tahrir al sham'],
    ["Bashar Al-Ja'afari", 'bashar al jaafari'],
    ['Türkiye', 'turkiye'],
    ['  ISIS!! ', 'isis'],
  ])('folds %j to %j', (input, folded) => expect(foldForSearch(input)).toBe(folded));
});
