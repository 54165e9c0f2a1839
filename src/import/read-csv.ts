import { join } from 'node:path';
import { z } from 'zod';
import { citationOf } from '../domain/citations.js';
import { actorRecord, relationRecord, slug, sourceRecord } from '../service/records.js';
import type { Citation, Source } from '../domain/types.js';
import type { ImportBatch } from './batch.js';
import { emptyBatch } from './batch.js';
import { listCell, optionalCell, readCsv, validRow } from './csv.js';

const citationRow = z.strictObject({
  relation: slug,
  source: slug,
  claimant: z.string().nullable(),
  claimant_actor: slug.nullable(),
  locator: z.string().nullable(),
  stance: z.string().optional(),
  /** A whole number from 1 to 6 as written in the cell; the record schema checks the range. */
  credibility: z.string().regex(/^\d+$/, 'must be a whole number from 1 to 6').transform(Number).optional(),
});

/**
 * A folder holding `actors.csv`, `relations.csv` and `citations.csv` (and, optionally,
 * `sources.csv` for sources the graph does not have yet), as an analyst keeps them in a
 * spreadsheet. The README lists the columns.
 */
export async function readCsvImport(
  dir: string,
  knownSources: (ids: string[]) => Promise<(Source | null)[]>,
): Promise<ImportBatch> {
  const batch = emptyBatch();
  const file = (name: string) => join(dir, name);

  const sources = await readCsv(file('sources.csv'), ['id', 'title', 'published']).then((r) =>
    r.unreadable[0]?.message.startsWith('cannot read it: ENOENT') ? { rows: [], unreadable: [] } : r,
  );
  batch.unreadable.push(...sources.unreadable);
  for (const { line, values } of sources.rows) {
    const source = validRow(
      sourceRecord,
      {
        id: values.id,
        title: values.title,
        publisher: optionalCell(values.publisher),
        published: values.published,
        publishedApproximate: /^(true|yes|1)$/i.test(values.published_approximate ?? ''),
        file: optionalCell(values.file) ?? values.id,
        reliability: optionalCell(values.reliability) ?? undefined,
      },
      `sources.csv line ${line}`,
      batch.problems,
    );
    if (source) batch.sources.push(source);
  }

  const actors = await readCsv(file('actors.csv'), ['id', 'name', 'kind']);
  batch.unreadable.push(...actors.unreadable);
  for (const { line, values } of actors.rows) {
    const actor = validRow(
      actorRecord,
      {
        id: values.id,
        name: values.name,
        kind: values.kind,
        aliases: listCell(values.aliases),
        description: optionalCell(values.description),
      },
      `actors.csv line ${line}`,
      batch.problems,
    );
    if (actor) batch.actors.push(actor);
  }

  const citations = await readCsv(file('citations.csv'), ['relation', 'source']);
  batch.unreadable.push(...citations.unreadable);
  const cited = new Map<string, { line: number; row: z.infer<typeof citationRow> }[]>();
  for (const { line, values } of citations.rows) {
    const row = validRow(
      citationRow,
      {
        relation: values.relation,
        source: values.source,
        claimant: optionalCell(values.claimant),
        claimant_actor: optionalCell(values.claimant_actor),
        locator: optionalCell(values.locator),
        stance: optionalCell(values.stance) ?? undefined,
        credibility: optionalCell(values.credibility) ?? undefined,
      },
      `citations.csv line ${line}`,
      batch.problems,
    );
    if (row) cited.set(row.relation, [...(cited.get(row.relation) ?? []), { line, row }]);
  }
  const sourceIds = [...new Set([...cited.values()].flat().map((c) => c.row.source))];
  const fromFile = new Map(batch.sources.map((s) => [s.id, s]));
  const stored = await knownSources(sourceIds.filter((id) => !fromFile.has(id)));
  const sourceById = new Map([
    ...sourceIds.filter((id) => !fromFile.has(id)).map((id, i) => [id, stored[i]] as const),
    ...fromFile,
  ]);

  const relations = await readCsv(file('relations.csv'), ['id', 'kind', 'from', 'to', 'since', 'precision', 'summary']);
  batch.unreadable.push(...relations.unreadable);
  for (const { line, values } of relations.rows) {
    const where = `relations.csv line ${line}`;
    const rows = cited.get(values.id) ?? [];
    const record = validRow(
      relationRecord,
      {
        id: values.id,
        kind: values.kind,
        from: values.from,
        to: values.to,
        since: values.since,
        until: optionalCell(values.until),
        precision: values.precision,
        sinceBound: optionalCell(values.since_bound) ?? undefined,
        summary: values.summary,
        places: listCell(values.places),
        citations: rows.map(({ row }) => ({
          source: row.source,
          claimant: row.claimant,
          claimantActor: row.claimant_actor,
          locator: row.locator,
          stance: row.stance,
          credibility: row.credibility,
        })),
      },
      where,
      batch.problems,
    );
    if (!record) continue;
    const list: Citation[] = [];
    for (const [i, { line: citationLine, row }] of rows.entries()) {
      const source = sourceById.get(row.source);
      if (!source)
        batch.problems.push({
          where: `citations.csv line ${citationLine}`,
          message: `column "source": unknown source "${row.source}" (add it to sources.csv)`,
        });
      else
        list.push(
          citationOf(record.id, source, {
            claimant: row.claimant,
            claimantActorId: row.claimant_actor,
            locator: row.locator,
            stance: record.citations[i].stance,
            credibility: record.citations[i].credibility,
          }),
        );
    }
    if (list.length !== rows.length) continue;
    const { citations: _c, ...relation } = record;
    batch.relations.push({ relation, citations: list });
  }
  const known = new Set(relations.rows.map((r) => r.values.id));
  for (const [relation, rows] of cited) {
    if (!known.has(relation))
      for (const { line } of rows)
        batch.problems.push({
          where: `citations.csv line ${line}`,
          message: `column "relation": no relation "${relation}" in relations.csv`,
        });
  }
  return batch;
}
