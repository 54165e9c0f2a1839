/**
 * A process that writes to an embedded store's data folder as fast as it can, for crash tests:
 * `node --import tsx tests/support/store-writer.ts DATA_DIR RUN`. Four writers run in parallel;
 * each acknowledged write is printed as one line (`actor ID`, `relation ID`, `batch ID ID`) right
 * after the store resolves it, as a server would answer its client. It runs until it is killed.
 */
import { conflictDataset } from './build.js';
import { buildActor, buildCitation, buildRelation } from './build.js';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';

const [dir, run] = process.argv.slice(2);
const { store } = await openDataFolder(dir, { seed: async () => conflictDataset() });
const source = conflictDataset().sources[0];
// Pipes are written synchronously on Linux: a printed line is out before the next write starts.
const ack = (line: string) => process.stdout.write(`${line}\n`);

async function writer(w: number): Promise<void> {
  for (let i = 0; ; i++) {
    const id = `durable-${run}-${w}-${i}`;
    if (w === 3 && i % 3 === 2) {
      // A batch is all or nothing, across a crash too.
      const ids = [`${id}-a`, `${id}-b`];
      await store.writeBatch(ids.map((b) => ({ op: 'createActor', actor: buildActor({ id: b }) })));
      ack(`batch ${ids.join(' ')}`);
      continue;
    }
    await store.write({ op: 'createActor', actor: buildActor({ id, description: 'x'.repeat(w * 2_000) }) });
    ack(`actor ${id}`);
    if (w === 0 && i % 4 === 3) {
      const rel = `rel-${id}`;
      await store.write({
        op: 'recordRelation',
        relation: buildRelation({ id: rel, from: id, to: 'daesh' }),
        citations: [buildCitation(rel, source)],
      });
      ack(`relation ${rel}`);
    }
  }
}

ack('ready');
await Promise.all([0, 1, 2, 3].map(writer));
