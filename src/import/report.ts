import type { ImportOptions, ImportReport } from './apply-import.js';

/** The import report as `npm run import` prints it. */
export function describeReport(report: ImportReport, options: ImportOptions): string {
  const line = (label: string, c: ImportReport['created']) =>
    `  ${label.padEnd(10)} ${c.sources} sources, ${c.actors} actors, ${c.relations} relations, ${c.citations} citations`;
  const list = (title: string, rows: ImportReport['problems']) =>
    rows.length ? [`${title} (${rows.length}):`, ...rows.map((p) => `  - ${p.where}: ${p.message}`)] : [];
  if (report.unreadable.length)
    return ['Nothing was imported: the input cannot be read.', ...list('Unreadable', report.unreadable)].join('\n');
  const verdict = options.dryRun
    ? 'Dry run: nothing was written. Without --dry-run this would be:'
    : options.strict && report.problems.length
      ? 'Nothing was written: --strict and the file has problems.'
      : report.written
        ? 'Imported:'
        : 'Nothing to write: the graph already holds all of it.';
  return [
    verdict,
    line('created', report.created),
    line('updated', report.updated),
    line('unchanged', report.unchanged),
    ...list(
      'Notices (merged actor ids used for the actor they were merged into; names that mix alphabets)',
      report.notices,
    ),
    ...list('Problems (rows skipped)', report.problems),
    ...list('Conflicts (left as the graph has them)', report.conflicts),
    ...list('Ignored rows', report.ignored),
  ].join('\n');
}

/** The exit status: 1 when the input could not be read, or a strict import wrote nothing because of problems. */
export const exitCodeOf = (report: ImportReport, options: ImportOptions) =>
  report.unreadable.length > 0 || (options.strict && report.problems.length > 0) ? 1 : 0;
