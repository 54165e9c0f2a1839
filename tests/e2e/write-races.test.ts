import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Dataset } from '../../src/dataset/dataset.js';
import { createLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { rawGraph } from '../support/write-invariants.js';
import { writeRaceContract } from './write-races.contract.js';

/** A dataset in the file format the server loads (relations carry their citations). */
const datasetFile = (d: Dataset) => ({
  version: 1,
  sources: d.sources,
  actors: d.actors,
  relations: d.relations.map((r) => ({
    ...r,
    citations: d.citations
      .filter((c) => c.relationId === r.id)
      .map((c) => ({ source: c.sourceId, claimant: c.claimant, claimantActor: c.claimantActorId, locator: c.locator })),
  })),
});

describe('racing writers on the embedded store with a data folder, as `DATA_DIR=... npm start` runs it', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  writeRaceContract(
    it,
    async (dataset) => {
      const dir = await mkdtemp(join(tmpdir(), 'idlib-races-'));
      made.push(dir);
      await writeFile(join(dir, 'dataset.json'), JSON.stringify(datasetFile(dataset)));
      const config = loadConfig({ STORE: 'memory', DATASET: join(dir, 'dataset.json'), DATA_DIR: join(dir, 'data') });
      const store = await openStore(config, createLogger('error'));
      return Object.assign(store, { release: () => store.close() });
    },
    (store) => rawGraph(store),
  );
});
