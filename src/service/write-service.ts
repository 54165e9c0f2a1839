import { z } from 'zod';
import { citationOf } from '../domain/citations.js';
import type { WriteCommand, WriteResult } from '../domain/commands.js';
import { badInput, ClientError, notFound } from '../domain/errors.js';
import { INPUT_LIMITS } from '../domain/input-limits.js';
import type { Actor, Citation, Relation, RelationFacts, Source } from '../domain/types.js';
import type { GraphStore, WriteAuthor } from '../store/port.js';
import { ALL_TIME } from '../domain/dates.js';
import { RECORDING_OPERATIONS, retractedContent, UNNAMED_WRITER, type Edit } from '../domain/edits.js';
import { noticesOf, type Notice } from './notices.js';
import {
  actorPatchInput,
  actorRecord,
  citationPatchInput,
  citationRecord,
  idempotencyKey,
  relationRecord,
  sourcePatchInput,
  sourceRecord,
} from './records.js';

/** What a caller may add to any write. */
export interface WriteServiceOptions {
  /** A client-chosen key naming this write: a retry with the same key answers the first result and writes nothing. */
  idempotencyKey?: string | null;
}

/** A write's answer: the value the caller asked for, what changed, and the notices the policy earned. */
export interface Written<T> {
  value: T;
  operation: WriteCommand['op'];
  result: WriteResult;
  notices: Notice[];
  /** True when the answer is the stored one of an earlier write with the same idempotency key. */
  replayed: boolean;
  /** The writer the edit is kept under. */
  by: string;
}

export interface CitationInput {
  source: string;
  claimant?: string | null;
  claimantActor?: string | null;
  locator?: string | null;
  stance?: string | null;
  credibility?: number | null;
}

export interface RecordRelationInput {
  id?: string | null;
  kind: string;
  from: string;
  to: string;
  since: string;
  until?: string | null;
  precision?: string | null;
  sinceBound?: string | null;
  summary: string;
  places?: string[] | null;
  citations: CitationInput[];
}

export interface CreateActorInput {
  id: string;
  name: string;
  kind: string;
  aliases?: string[] | null;
  description?: string | null;
}

export interface UpdateActorInput {
  name?: string | null;
  kind?: string | null;
  aliases?: string[] | null;
  addAliases?: string[] | null;
  description?: string | null;
}

export interface AddSourceInput {
  id: string;
  title: string;
  publisher?: string | null;
  published: string;
  publishedApproximate?: boolean | null;
  file?: string | null;
  reliability?: string | null;
}

export interface UpdateSourceInput {
  reliability?: string | null;
}

export interface UpdateCitationInput {
  stance?: string | null;
  credibility?: number | null;
}

/** A citation input with absent fields as the record schema expects them. */
const citationFields = (c: CitationInput) => ({
  source: c.source,
  claimant: c.claimant ?? null,
  claimantActor: c.claimantActor ?? null,
  locator: c.locator ?? null,
  stance: c.stance ?? undefined,
  credibility: c.credibility ?? undefined,
});

/** How the store's field names (those of a command) read in the API's arguments. */
type FieldNames = (field: string) => string;
const inInput: FieldNames = (field) => (field === '' ? 'input' : `input.${field}`);
const asIs: FieldNames = (field) => field;
/** An update's fields: the id as it is, the rest inside `input`. */
const idOrInput: FieldNames = (field) => (field === 'id' ? 'id' : inInput(field));

/** A generated relation id is tried again with the next free suffix this many times when a writer took it first. */
const GENERATED_ID_ATTEMPTS = 3;

/**
 * The one way to change the graph. The GraphQL mutations and the importer both come here, so each
 * write policy exists once (docs/writing.md): inputs are validated with the record schemas and the
 * limits table; ids are allocated; an actor id that was merged away stands for the actor it was
 * merged into, reported as a notice; a retried write with the same idempotency key applies once.
 * The store checks and applies each command atomically under its write lock.
 */
export class WriteService {
  /** `author.by` names the writer of every write this service makes (the request's token name, `import`, ...). */
  constructor(
    private readonly store: GraphStore,
    private readonly author: WriteAuthor = {},
  ) {}

  /**
   * Writes one command as built (the importer's records are already validated), with the notices
   * the merged-id policy earns. Errors name fields of the command.
   */
  async execute(command: WriteCommand, options: WriteServiceOptions = {}): Promise<Written<WriteResult>> {
    const key =
      options.idempotencyKey == null
        ? undefined
        : `${command.op}:${valid(idempotencyKey, options.idempotencyKey, 'idempotencyKey')}`;
    const notices = await noticesOf(this.store, command);
    const { replayed, ...result } = await this.store.write(command, { idempotencyKey: key, by: this.author.by });
    return { value: result, operation: command.op, result, notices, replayed, by: this.author.by ?? UNNAMED_WRITER };
  }

  /** The notices a command would earn, without writing it (an import's dry run). */
  noticesFor(command: WriteCommand): Promise<Notice[]> {
    return noticesOf(this.store, command);
  }

  /** All or nothing: every command checked and applied in order in one transaction, or none. */
  async executeBatch(commands: readonly WriteCommand[]): Promise<{ results: WriteResult[]; notices: Notice[][] }> {
    const notices = await Promise.all(commands.map((command) => noticesOf(this.store, command)));
    return { results: await this.store.writeBatch(commands, { by: this.author.by }), notices };
  }

  async addSource(input: AddSourceInput, options: WriteServiceOptions = {}): Promise<Written<Source>> {
    const source = valid(
      sourceRecord,
      {
        ...input,
        publisher: input.publisher ?? null,
        file: input.file ?? input.id,
        publishedApproximate: input.publishedApproximate ?? false,
        reliability: input.reliability ?? undefined,
      },
      'input',
    );
    const written = await this.run({ op: 'addSource', source }, options, inInput);
    return this.answer(written, (r) => this.source(r.sourceIds[0]), 'source');
  }

  /** Grades a source; the relations citing it are read anew (their best reliability may change). */
  async updateSource(
    id: string,
    input: UpdateSourceInput,
    options: WriteServiceOptions = {},
  ): Promise<Written<Source>> {
    const patch = valid(sourcePatchInput, input, 'input');
    const written = await this.run({ op: 'updateSource', id, patch }, options, idOrInput);
    return this.answer(written, (r) => this.source(r.sourceIds[0]), 'source');
  }

  /** Sets a citation's stance (it reports or disputes its relation) or its credibility. */
  async updateCitation(
    id: string,
    input: UpdateCitationInput,
    options: WriteServiceOptions = {},
  ): Promise<Written<Citation>> {
    const patch = valid(citationPatchInput, input, 'input');
    const written = await this.run({ op: 'updateCitation', id, patch }, options, idOrInput);
    return this.answer(
      written,
      async (r) => (await this.store.citationsByIds(r.citationIds.slice(0, 1)))[0],
      'citation',
    );
  }

  async createActor(input: CreateActorInput, options: WriteServiceOptions = {}): Promise<Written<Actor>> {
    const record = valid(
      actorRecord,
      { ...input, aliases: input.aliases ?? [], description: input.description ?? null },
      'input',
    );
    const written = await this.run({ op: 'createActor', actor: record }, options, inInput);
    return this.answer(written, (r) => this.actor(r.actorIds[0]), 'actor');
  }

  /** `aliases` replaces the list; `addAliases` adds to the list the store holds when it applies the write. */
  async updateActor(id: string, input: UpdateActorInput, options: WriteServiceOptions = {}): Promise<Written<Actor>> {
    const patch = valid(actorPatchInput, input, 'input');
    const written = await this.run({ op: 'updateActor', id, patch }, options, idOrInput);
    return this.answer(written, (r) => this.actor(r.actorIds[0]), 'actor');
  }

  async mergeActors(survivor: string, merged: string, options: WriteServiceOptions = {}): Promise<Written<Actor>> {
    const written = await this.run({ op: 'mergeActors', survivorId: survivor, mergedId: merged }, options, asIs);
    return this.answer(written, (r) => this.actor(r.actorIds[0]), 'actor');
  }

  async recordRelation(input: RecordRelationInput, options: WriteServiceOptions = {}): Promise<Written<Relation>> {
    const record = valid(
      relationRecord,
      {
        ...input,
        id: input.id ?? PENDING_ID,
        until: input.until ?? null,
        precision: input.precision ?? 'DAY',
        sinceBound: input.sinceBound ?? undefined,
        places: input.places ?? [],
        citations: input.citations.map(citationFields),
      },
      'input',
    );
    const [from, to] = await this.store.actorsByIds([record.from, record.to]);
    if (!from) throw notFound('input.from', 'actor', [record.from]);
    if (!to) throw notFound('input.to', 'actor', [record.to]);
    const sources = await this.store.sourcesByIds(record.citations.map((c) => c.source));
    const { citations: cited, ...fields } = record;
    const build = (id: string) => {
      const relation: RelationFacts = { ...fields, id, from: record.from, to: record.to };
      const citations = cited.map(({ source: sourceId, claimantActor, ...claim }, i) => {
        const source = sources[i];
        if (!source) throw notFound(`input.citations.${i}.source`, 'source', [sourceId]);
        return citationOf(id, source, { ...claim, claimantActorId: claimantActor });
      });
      return { op: 'recordRelation' as const, relation, citations };
    };
    if (input.id != null) {
      const written = await this.run(build(input.id), options, inInput);
      return this.answer(written, (r) => this.relation(r.relationIds[0]), 'relation');
    }
    // An id made from the live actors, kind and date; a writer that takes it first moves us to the next one.
    const base = relationIdBase(from.id, record.kind, to.id, record.since);
    for (let attempt = 1; ; attempt++) {
      try {
        const written = await this.run(build(await this.freeRelationId(base)), options, inInput);
        return this.answer(written, (r) => this.relation(r.relationIds[0]), 'relation');
      } catch (error) {
        const taken = error instanceof ClientError && error.code === 'DUPLICATE_ID' && error.field === 'input.id';
        if (!taken || attempt === GENERATED_ID_ATTEMPTS) throw error;
      }
    }
  }

  async closeRelation(id: string, until: string, options: WriteServiceOptions = {}): Promise<Written<Relation>> {
    const written = await this.run({ op: 'closeRelation', id, until }, options, asIs);
    return this.answer(written, (r) => this.relation(r.relationIds[0]), 'relation');
  }

  /** Answers the relation as it was just before it went (its citations went with it). */
  async retractRelation(id: string, options: WriteServiceOptions = {}): Promise<Written<Relation>> {
    const written = await this.run({ op: 'retractRelation', id }, options, asIs);
    return this.answer(written, async (r) => r.removed?.relations[0] ?? null, 'relation');
  }

  /**
   * Brings a retracted relation back with its citations, as its latest retraction's edit holds them
   * (an end merged away since stands for the actor it was merged into). Errors: NOT_FOUND (no
   * relation had the id), NOT_RETRACTED (it is live, or went another way than a retraction),
   * DUPLICATE_ID (its id was taken again by a relation recorded since).
   */
  async restoreRelation(id: string, options: WriteServiceOptions = {}): Promise<Written<Relation>> {
    const last = await this.lastLifeEvent(id);
    const [live] = await this.store.relationsByIds([id]);
    if (live) {
      const retracted =
        last !== null && last.operation === 'recordRelation' && (await this.lastLifeEvent(id, last.seq)) !== null;
      if (retracted)
        throw new ClientError(
          `Relation "${id}" was retracted, but its id is taken again by a relation recorded since: retract that one first`,
          'DUPLICATE_ID',
          'id',
        );
      throw new ClientError(`Relation "${id}" is not retracted: there is nothing to restore`, 'NOT_RETRACTED', 'id');
    }
    if (last === null) throw notFound('id', 'relation', [id]);
    const content = retractedContent(last);
    if (!content)
      throw new ClientError(
        `Relation "${id}" was not retracted (it went another way, such as a merge of its two actors): only a retraction can be restored`,
        'NOT_RETRACTED',
        'id',
      );
    const written = await this.run({ op: 'restoreRelation', ...content }, options, asIs);
    return this.answer(written, (r) => this.relation(r.relationIds[0]), 'relation');
  }

  /** The latest edit that made or ended relation `id` (older than `beforeSeq`), or null. */
  private async lastLifeEvent(id: string, beforeSeq: number | null = null): Promise<Edit | null> {
    for (;;) {
      const page = await this.store.history({
        relationId: id,
        actorId: null,
        by: null,
        window: ALL_TIME,
        beforeSeq,
        limit: 50,
      });
      const found = page.items.find(
        (e) => e.operation === 'retractRelation' || RECORDING_OPERATIONS.includes(e.operation),
      );
      if (found) return found;
      if (!page.hasMore) return null;
      beforeSeq = page.items.at(-1)!.seq;
    }
  }

  async addCitation(
    relationId: string,
    input: CitationInput,
    options: WriteServiceOptions = {},
  ): Promise<Written<Citation>> {
    const { source: sourceId, claimantActor, ...claim } = valid(citationRecord, citationFields(input), 'citation');
    const [source] = await this.store.sourcesByIds([sourceId]);
    if (!source) throw notFound('citation.source', 'source', [sourceId]);
    const citation = citationOf(relationId, source, { ...claim, claimantActorId: claimantActor });
    const names: FieldNames = (field) => (field === 'relationId' ? 'relation' : field);
    const written = await this.run({ op: 'addCitation', citation }, options, names);
    return this.answer(
      written,
      async (r) => (await this.store.citationsByIds(r.citationIds.slice(0, 1)))[0],
      'citation',
    );
  }

  /** Answers the citation as it was just before it went. */
  async retractCitation(id: string, options: WriteServiceOptions = {}): Promise<Written<Citation>> {
    const written = await this.run({ op: 'retractCitation', id }, options, asIs);
    return this.answer(written, async (r) => r.removed?.citations[0] ?? null, 'citation');
  }

  /** `execute`, with the store's field names turned into the API's. */
  private async run(command: WriteCommand, options: WriteServiceOptions, names: FieldNames) {
    try {
      const written = await this.execute(command, options);
      return { ...written, notices: written.notices.map((n) => ({ ...n, field: names(n.field) })) };
    } catch (error) {
      if (error instanceof ClientError && error.field && error.field !== 'idempotencyKey')
        throw new ClientError(error.message, error.code, names(error.field), error.details);
      throw error;
    }
  }

  /** The value a mutation answers, read after the write (or its replay) from what it touched. */
  private async answer<T>(
    written: Written<WriteResult>,
    load: (result: WriteResult) => Promise<T | null>,
    what: string,
  ): Promise<Written<T>> {
    const value = await load(written.result);
    if (value === null)
      throw new ClientError(
        `The write was applied, but the ${what} it wrote has since been changed by another write; read it again.`,
        'NOT_FOUND',
      );
    return { ...written, value };
  }

  private source = async (id: string | undefined) =>
    id === undefined ? null : (await this.store.sourcesByIds([id]))[0];
  private actor = async (id: string | undefined) => (id === undefined ? null : (await this.store.actorsByIds([id]))[0]);
  private relation = async (id: string | undefined) =>
    id === undefined ? null : (await this.store.relationsByIds([id]))[0];

  /** The first of `base`, `base-2`, `base-3`, ... that no relation uses. */
  private async freeRelationId(base: string): Promise<string> {
    const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
    const taken = await this.store.relationsByIds(candidates);
    const free = candidates.find((_, i) => !taken[i]);
    if (!free) throw badInput('input.id', `too many relations are named ${base}; give an id`);
    return free;
  }
}

/** Stands in for the id while a relation without one is validated; never written. */
const PENDING_ID = 'pending';

/** `from-kind-to-since`, cut so that a `-NN` suffix still fits the id limit. */
export function relationIdBase(from: string, kind: string, to: string, since: string): string {
  const base = `${from}-${kind.toLowerCase().replace('_', '-')}-${to}-${since}`;
  return base.slice(0, INPUT_LIMITS.idLength - 3).replace(/-+$/, '');
}

/** Validates a write's input; the first fault names its field (`input.citations.0.source`). */
export function valid<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [prefix, ...issue.path.map(String)].join('.');
  throw badInput(field, `${field}: ${issue.message}`);
}
