// Downloads of the view shown: the graph of the day under the page's reading as GEXF (Gephi) and
// CSV (the server's /export endpoints, with the same filters as the page's queries) and the
// drawing itself as PNG.

import type { Reading } from './reading.js';

/** The export formats the page offers, by the server's file name. */
export const EXPORTS = {
  gexf: 'graph.gexf',
  edgesCsv: 'edges.csv',
} as const;

/**
 * The URL of an export of the graph on `at` read as `reading`: the query parameters are the
 * export endpoints' (`at`, `openEnd`, `minPublishers`, `statedOnly`).
 */
export function exportUrl(file: (typeof EXPORTS)[keyof typeof EXPORTS], at: string, reading: Reading): string {
  const params = new URLSearchParams({ at });
  if (reading.openEnd !== 'ONGOING') params.set('openEnd', reading.openEnd);
  if (reading.evidence.minPublishers) params.set('minPublishers', String(reading.evidence.minPublishers));
  if (reading.evidence.statedOnly) params.set('statedOnly', 'true');
  return `/export/${file}?${params}`;
}

/** Saves a blob under a file name, as a link the browser downloads. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
