import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { RowProblem } from './batch.js';

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Reads a CSV file with a header row; each row keeps its line number for error reports. A file
 * that cannot be read, is not CSV or lacks a required column is `unreadable`, with why.
 */
export async function readCsv(
  file: string,
  required: readonly string[],
): Promise<{ rows: CsvRow[]; unreadable: RowProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      rows: [],
      unreadable: [
        { where: file, message: `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}` },
      ],
    };
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    return { rows: [], unreadable: [{ where: file, message: `not valid CSV: ${(error as Error).message}` }] };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = required.filter((column) => records.length > 0 && !header.includes(column));
  if (missing.length)
    return {
      rows: [],
      unreadable: [
        { where: `${file} line 1`, message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` },
      ],
    };
  return { rows: records.map(({ record, info }) => ({ line: info.lines, values: record })), unreadable: [] };
}

/** A list cell: values separated by `;`. */
export const listCell = (cell: string | undefined) =>
  (cell ?? '')
    .split(';')
    .map((v) => v.trim())
    .filter(Boolean);

/** An optional cell: empty means null. */
export const optionalCell = (cell: string | undefined) => (cell && cell.trim() ? cell.trim() : null);

/** Validates one row with a zod schema; on failure, the problem names the line and the column. */
export function validRow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
  problems: RowProblem[],
): z.infer<S> | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  problems.push({ where, message: `${issue.path.length ? `column "${issue.path.join('.')}": ` : ''}${issue.message}` });
  return null;
}
