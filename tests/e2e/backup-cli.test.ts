import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/cli.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../src/config.js';
import { loadDatasetFile } from '../../src/dataset/load-dataset.js';
import { WriteService } from '../../src/service/write-service.js';
import { openDataFolder } from '../../src/store/memory/open-data-folder.js';
import { graphDigest } from '../support/graph-digest.js';
import { ALL } from './backup.contract.js';

const cli = runScript;

describe('npm run backup / npm run restore (embedded store)', () => {
  it(
    'backs a data folder up to a file and restores it into an empty one: same digest and history',
    { timeout: 60_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'idlib-backup-'));
      const [from, to, file] = [join(dir, 'from'), join(dir, 'to'), join(dir, 'backup.json')];
      try {
        const seed = () => loadDatasetFile(`${ROOT}data/idlib.json`);
        const source = await openDataFolder(from, { seed });
        await new WriteService(source.store, { by: 'alice' }).retractRelation((await seed()).relations[0].id);
        const digest = await graphDigest(source.store);
        const history = await source.store.history(ALL);
        await source.store.close();

        const backup = await cli('backup', ['--out', file], { DATA_DIR: from });
        expect(backup.output).toMatch(
          /Backed up memory to .*backup\.json: 35 actors, 69 relations, \d+ sources, 1 edits/,
        );
        expect(JSON.parse(await readFile(file, 'utf8')).history[0]).toMatchObject({ seq: 1, by: 'alice' });
        const restored = await cli('restore', [file], { DATA_DIR: to });
        expect(restored.code, restored.output).toBe(0);
        const again = await cli('restore', [file], { DATA_DIR: to });
        expect(again.code).toBe(1);
        expect(again.output).toMatch(/already holds a graph: restore into an empty DATA_DIR, or pass --force/);
        expect((await cli('restore', [file, '--force'], { DATA_DIR: to })).code).toBe(0);

        const target = await openDataFolder(to, { seed });
        expect(await graphDigest(target.store)).toEqual(digest);
        expect(await target.store.history(ALL)).toEqual(history);
        await target.store.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
