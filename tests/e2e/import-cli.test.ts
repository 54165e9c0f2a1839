import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from '../support/cli.js';
import { describe, expect, it } from 'vitest';

const ACLED = [
  'tests/fixtures/acled-idlib-sample.csv',
  '--format',
  'acled',
  '--map',
  'tests/fixtures/acled-actor-map.csv',
];

const cli = (args: string[], env: Record<string, string>) => runScript('import', args, env);

describe('npm run import', () => {
  it('imports into the embedded store journal, then finds nothing new the second time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idlib-import-'));
    try {
      const dry = await cli([...ACLED, '--dry-run'], { DATA_DIR: dir });
      expect(dry.output).toMatch(/^Dry run: nothing was written/m);
      expect(dry.output).toMatch(/created +1 sources, 0 actors, 4 relations, 4 citations/);
      expect(dry.output).toMatch(/line 9 \(event SYR9008\): unknown actor/);
      const first = await cli(ACLED, { DATA_DIR: dir });
      expect(first.code).toBe(0);
      expect(first.output).toMatch(/^Imported:/m);
      const second = await cli(ACLED, { DATA_DIR: dir });
      expect(second.output).toMatch(/^Nothing to write: the graph already holds all of it/m);
      expect(second.output).toMatch(/unchanged +1 sources, 0 actors, 4 relations, 4 citations/);
      const strict = await cli([...ACLED, '--strict'], { DATA_DIR: dir });
      expect(strict.code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to import into an embedded store that would not keep it, and explains usage', async () => {
    const noDir = await cli(ACLED, {});
    expect(noDir.code).toBe(1);
    expect(noDir.output).toMatch(/needs DATA_DIR/);
    const usage = await cli(['x.csv'], {});
    expect(usage.output).toMatch(/usage: npm run import -- FILE --format json\|csv\|acled/);
  });
});
