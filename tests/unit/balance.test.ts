import { describe, expect, it } from 'vitest';
import { balanceAt } from '../../src/domain/balance.js';
import { changesBetween } from '../../src/domain/changes.js';
import { buildStoredRelation as buildRelation } from '../support/build.js';

const fight = (id: string, from: string, to: string) => buildRelation({ id, from, to, kind: 'FIGHTS' });
const support = (id: string, from: string, to: string) => buildRelation({ id, from, to, kind: 'SUPPORTS' });
const talk = (id: string, from: string, to: string) => buildRelation({ id, from, to, kind: 'NEGOTIATES' });

describe('balanceAt', () => {
  it('flags an actor that supports both sides of a fight, naming it as the pivot', () => {
    const report = balanceAt('2018-01-01', [
      support('s1', 'tr', 'rebels'),
      talk('n1', 'tr', 'ru'),
      fight('f1', 'ru', 'rebels'),
    ]);
    expect(report).toMatchObject({ triads: 1, balanced: 0, balancedShare: 0 });
    expect(report.unbalanced).toEqual([
      {
        actorIds: ['rebels', 'ru', 'tr'],
        pattern: 'FRIEND_OF_BOTH_SIDES',
        pivotId: 'tr',
        relations: [fight('f1', 'ru', 'rebels'), talk('n1', 'tr', 'ru'), support('s1', 'tr', 'rebels')].sort((a, b) =>
          a.id.localeCompare(b.id),
        ),
      },
    ]);
  });

  it('flags three mutual enemies, and counts balanced triads', () => {
    const report = balanceAt('2018-01-01', [
      fight('f1', 'a', 'b'),
      fight('f2', 'b', 'c'),
      fight('f3', 'a', 'c'), // - - -: unbalanced
      support('s1', 'd', 'a'),
      fight('f4', 'd', 'b'), // with f1: + - - balanced (a, b, d)
      support('s2', 'e', 'f'),
      support('s3', 'f', 'g'),
      talk('n1', 'e', 'g'), // + + +: balanced
    ]);
    expect(report.triads).toBe(3);
    expect(report.balanced).toBe(2);
    expect(report.balancedShare).toBeCloseTo(2 / 3);
    expect(report.unbalanced.map((t) => [t.actorIds, t.pattern, t.pivotId])).toEqual([
      [['a', 'b', 'c'], 'ALL_HOSTILE', null],
    ]);
  });

  it('counts a pair with friendly and hostile relations as hostile, and reports it', () => {
    const report = balanceAt('2018-01-01', [
      support('s1', 'a', 'b'),
      fight('f1', 'b', 'a'),
      support('s2', 'c', 'a'),
      support('s3', 'c', 'b'),
    ]);
    expect(report.ambivalentPairs.map((p) => [p.actorIds, p.relations.map((r) => r.id)])).toEqual([
      [
        ['a', 'b'],
        ['f1', 's1'],
      ],
    ]);
    expect(report.unbalanced.map((t) => [t.pattern, t.pivotId])).toEqual([['FRIEND_OF_BOTH_SIDES', 'c']]);
  });

  it('has no share when there is no triad', () => {
    expect(balanceAt('2018-01-01', [fight('f1', 'a', 'b')])).toEqual({
      at: '2018-01-01',
      triads: 0,
      balanced: 0,
      balancedShare: null,
      unbalanced: [],
      ambivalentPairs: [],
    });
  });
});

describe('changesBetween', () => {
  it('orders by date, BEGAN before ENDED, then id, and lists a relation twice when both ends fall inside', () => {
    const relations = [
      buildRelation({ id: 'b', from: 'x', to: 'y', since: '2017-12-08', until: '2017-12-08' }),
      buildRelation({ id: 'a', from: 'x', to: 'y', since: '2017-01-01', until: '2017-12-08' }),
      buildRelation({ id: 'c', from: 'x', to: 'y', since: '2017-12-31', until: null }),
      buildRelation({ id: 'd', from: 'x', to: 'y', since: '2016-01-01', until: '2019-01-01' }),
    ];
    expect(
      changesBetween(relations, '2017-12-01', '2017-12-31', 'ONGOING').map(
        (c) => `${c.date} ${c.change} ${c.relation.id}`,
      ),
    ).toEqual(['2017-12-08 BEGAN b', '2017-12-08 ENDED a', '2017-12-08 ENDED b', '2017-12-31 BEGAN c']);
  });

  it('reports the last report of a relation with no end, read LAST_REPORTED, and never as an end', () => {
    // c has no until and one citation published 2018-01-01: its last report.
    const relations = [
      buildRelation({ id: 'a', from: 'x', to: 'y', since: '2017-01-01', until: '2018-01-01' }),
      buildRelation({ id: 'c', from: 'x', to: 'y', since: '2017-12-31', until: null }),
    ];
    const changes = (openEnd: 'ONGOING' | 'LAST_REPORTED') =>
      changesBetween(relations, '2017-12-01', '2018-01-31', openEnd).map(
        (c) => `${c.date} ${c.change} ${c.relation.id}`,
      );
    expect(changes('ONGOING')).toEqual(['2017-12-31 BEGAN c', '2018-01-01 ENDED a']);
    expect(changes('LAST_REPORTED')).toEqual([
      '2017-12-31 BEGAN c',
      '2018-01-01 LAST_REPORTED c',
      '2018-01-01 ENDED a',
    ]);
  });
});
