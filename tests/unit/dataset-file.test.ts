import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDatasetFile, parseDataset } from '../../src/dataset/load-dataset.js';

function validFile() {
  return {
    version: 1,
    sources: [
      {
        id: 'wire',
        file: 'a.txt',
        title: 'Clashes',
        publisher: 'Wire',
        published: '2017-12-10',
        publishedApproximate: false,
      },
    ],
    actors: [
      { id: 'gov', name: 'Government', kind: 'STATE', aliases: ['regime'], description: null },
      { id: 'rebels', name: 'Rebels', kind: 'ARMED_GROUP' },
    ],
    relations: [
      {
        id: 'gov-fights-rebels',
        kind: 'FIGHTS',
        from: 'gov',
        to: 'rebels',
        since: '2017-10-01',
        until: '2017-12-31',
        precision: 'MONTH',
        summary: 'They fight.',
        citations: [{ source: 'wire', claimant: 'A monitor' }],
      },
    ],
  };
}

/** The problems reported for a file changed by `mutate`. */
function problemsOf(mutate: (file: ReturnType<typeof validFile>) => void): string[] {
  const file = validFile();
  mutate(file);
  try {
    parseDataset('data/test.json', file);
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(/^data\/test\.json: invalid dataset, nothing was loaded/);
    return (error as DatasetError).problems;
  }
  throw new Error('expected the file to be rejected');
}

describe('dataset file', () => {
  it('loads a valid file with defaults and derived citations', () => {
    const data = parseDataset('x', validFile());
    expect(data.actors[1]).toEqual({
      id: 'rebels',
      name: 'Rebels',
      kind: 'ARMED_GROUP',
      aliases: [],
      description: null,
    });
    expect(data.relations[0]).toEqual({
      id: 'gov-fights-rebels',
      kind: 'FIGHTS',
      from: 'gov',
      to: 'rebels',
      since: '2017-10-01',
      until: '2017-12-31',
      precision: 'MONTH',
      summary: 'They fight.',
      places: [],
      sinceBound: 'EXACT',
    });
    expect(data.citations).toEqual([
      {
        id: 'gov-fights-rebels@wire',
        relationId: 'gov-fights-rebels',
        sourceId: 'wire',
        title: 'Clashes',
        publisher: 'Wire',
        published: '2017-12-10',
        publishedApproximate: false,
        claimant: 'A monitor',
        claimantActorId: null,
        locator: null,
        stance: 'REPORTS',
        credibility: 6,
      },
    ]);
  });

  it.each<[string, (f: ReturnType<typeof validFile>) => void, string]>([
    [
      'until before since',
      (f) => (f.relations[0].until = '2017-09-01'),
      'relations[0] (id "gov-fights-rebels"), field "until": must be on or after since',
    ],
    [
      'a malformed date',
      (f) => (f.relations[0].since = '2017-13-01'),
      'relations[0] (id "gov-fights-rebels"), field "since": must be a real calendar date written YYYY-MM-DD',
    ],
    [
      'no citation',
      (f) => (f.relations[0].citations = []),
      'relations[0] (id "gov-fights-rebels"), field "citations": a relation needs at least one citation',
    ],
    [
      'an unknown kind',
      (f) => ((f.relations[0] as { kind: string }).kind = 'ALLIES'),
      'relations[0] (id "gov-fights-rebels"), field "kind"',
    ],
    [
      'an unknown actor',
      (f) => (f.relations[0].to = 'ghosts'),
      'relations[0] (id "gov-fights-rebels"), field "to": unknown actor "ghosts"',
    ],
    [
      'an unknown source',
      (f) => (f.relations[0].citations[0].source = 'rumour'),
      'relations[0] (id "gov-fights-rebels"), field "citations.0.source": unknown source "rumour"',
    ],
    [
      'a duplicate actor id',
      (f) => f.actors.push({ ...f.actors[0] }),
      'actors[2] (id "gov"), field "id": duplicate id',
    ],
    [
      'a bad slug',
      (f) => (f.actors[0].id = 'Gov Forces'),
      'actors[0] (id "Gov Forces"), field "id": must be a lowercase kebab-case slug',
    ],
    ['an unknown field', (f) => Object.assign(f.actors[0], { nmae: 'typo' }), 'actors[0] (id "gov")'],
    ['a self relation', (f) => (f.relations[0].to = 'gov'), 'field "to": an actor cannot be related to itself'],
    ['a wrong version', (f) => ((f as { version: number }).version = 2), 'field "version"'],
  ])('rejects %s, naming the record and field', (_, mutate, expected) => {
    expect(problemsOf(mutate).join('\n')).toContain(expected);
  });

  it('reports a file that is not JSON, with the file name', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dataset-'));
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "version": 1, ');
    await expect(loadDatasetFile(file)).rejects.toThrow(
      `${file}: invalid dataset, nothing was loaded:\n  - not valid JSON`,
    );
    await expect(loadDatasetFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read the file: ENOENT/);
    await rm(dir, { recursive: true });
  });
});
