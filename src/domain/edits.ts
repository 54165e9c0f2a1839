import type { WriteCommand, WriteResult } from './commands.js';
import { factsOf } from './evidence.js';
import { ALL_TIME } from './dates.js';
import type { Citation, DateWindow, Relation, RelationFacts } from './types.js';

/**
 * One acknowledged write, as the history keeps it: who (the writer's name, never a token), when,
 * the operation, the ids it changed, and what it changed (JSON: the record made or removed, or for
 * an update the fields that changed, before and after). A batch is one edit per command.
 */
export interface Edit {
  /** The edit's place in the history: 1, 2, 3, ... in the order writes were committed. */
  seq: number;
  at: string;
  by: string;
  operation: WriteCommand['op'];
  actorIds: string[];
  relationIds: string[];
  citationIds: string[];
  sourceIds: string[];
  before: string | null;
  after: string | null;
}

/** The writer of a write that names none: an edit kept before writers were named, a direct store write. */
export const UNNAMED_WRITER = 'unknown';

/** What a relation's `before` (retracted) or `after` (recorded, restored) holds: enough to restore it. */
export interface RelationContent {
  relation: RelationFacts;
  citations: Citation[];
}

/**
 * The history, newest first (`seq` descending); a page starts after the cursor's `seq`. Filters
 * combine with AND: the edit touched `relationId` / `actorId`, was made by `by`, and its day (the
 * date of `at`, UTC) is in `window`.
 */
export interface HistoryQuery {
  relationId: string | null;
  actorId: string | null;
  by: string | null;
  window: DateWindow;
  /** Only edits older than this one (exclusive). */
  beforeSeq: number | null;
  limit: number;
}

/** A history query with no filter (every edit, newest first, from the start), `overrides` aside. */
export const historyQuery = (overrides: Partial<HistoryQuery> = {}): HistoryQuery => ({
  relationId: null,
  actorId: null,
  by: null,
  window: ALL_TIME,
  beforeSeq: null,
  limit: 50,
  ...overrides,
});

/** The history filter's one home for the embedded store (the Neo4j statement `history` mirrors it). */
export function inHistory(edit: Edit, query: HistoryQuery): boolean {
  const day = edit.at.slice(0, 10);
  return (
    (query.beforeSeq === null || edit.seq < query.beforeSeq) &&
    (query.relationId === null || edit.relationIds.includes(query.relationId)) &&
    (query.actorId === null || edit.actorIds.includes(query.actorId)) &&
    (query.by === null || edit.by === query.by) &&
    (query.window.from === null || day >= query.window.from) &&
    (query.window.to === null || day <= query.window.to)
  );
}

/** Operations that bring a relation into being; the latest of them names its `recordedBy` and `recordedAt`. */
export const RECORDING_OPERATIONS: readonly WriteCommand['op'][] = ['recordRelation', 'restoreRelation'];

/** Who recorded a relation and when (from the edit that created it). */
export interface Recorded {
  by: string;
  at: string;
}

/** The relation a recording edit created, or null for any other edit. */
export const recordedRelation = (edit: Pick<Edit, 'operation' | 'relationIds'>): string | null =>
  RECORDING_OPERATIONS.includes(edit.operation) ? (edit.relationIds[0] ?? null) : null;

/**
 * What an edit changed, from the command, what it touched, and (for updates and merges) the record
 * it changed as it was before and after (`subject`, read by the store inside the write). A created
 * record is all in `after`, a removed one all in `before`; an update keeps only the fields that
 * changed.
 */
export function editContent(
  command: WriteCommand,
  result: WriteResult,
  subject: { before: unknown; after: unknown },
): { before: string | null; after: string | null } {
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  switch (command.op) {
    case 'addSource':
      return { before: null, after: json(command.source) };
    case 'createActor':
      return { before: null, after: json(command.actor) };
    case 'recordRelation':
    case 'restoreRelation':
      return { before: null, after: json(relationContent(command.relation, command.citations)) };
    case 'addCitation':
      return { before: null, after: json(command.citation) };
    case 'retractRelation': {
      const relation = result.removed?.relations[0];
      return { before: relation ? json(relationContent(relation, result.removed!.citations)) : null, after: null };
    }
    case 'retractCitation':
      return { before: json(result.removed?.citations[0]), after: null };
    case 'mergeActors':
      return { before: json(subject.before), after: json(subject.after) };
    default: {
      const [before, after] = changedFields(subject.before, subject.after);
      return { before: json(before), after: json(after) };
    }
  }
}

export const relationContent = (relation: RelationFacts | Relation, citations: Citation[]): RelationContent => ({
  relation: factsOf(relation),
  citations,
});

/** The fields of two versions of a record that differ, each side with its own values. */
function changedFields(
  before: unknown,
  after: unknown,
): [Record<string, unknown> | null, Record<string, unknown> | null] {
  if (!isRecord(before) || !isRecord(after)) return [isRecord(before) ? before : null, isRecord(after) ? after : null];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return [
    Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  ];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** An edit's content, for `restoreRelation`: the relation and citations a retraction removed. */
export function retractedContent(edit: Edit): RelationContent | null {
  if (edit.operation !== 'retractRelation' || edit.before === null) return null;
  return JSON.parse(edit.before) as RelationContent;
}
