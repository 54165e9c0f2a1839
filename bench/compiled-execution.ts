/**
 * What compiling queries (graphql-jit, `GRAPHQL_JIT=on`) saves against graphql-js's interpreter:
 * the benchmark's nested read, sent in process (no sockets) to two apps on one embedded store with
 * the curated data, in alternating rounds; prints the server CPU per request of each.
 *
 *   npx tsx bench/compiled-execution.ts [rounds] [requests per round]
 */
import { createApp } from '../src/app.js';
import { ROOT } from '../src/config.js';
import { loadDatasetFile } from '../src/dataset/load-dataset.js';
import { MemoryStore } from '../src/store/memory/memory-store.js';
import { requestFor } from './requests.js';

const rounds = Number(process.argv[2] ?? 6);
const perRound = Number(process.argv[3] ?? 2_000);
const dataset = await loadDatasetFile(`${ROOT}data/idlib.json`);
const store = MemoryStore.fromDataset(dataset);
// The nested read exactly as the benchmark sends it to the api target, for every curated actor.
const bodies = dataset.actors.map((a) => {
  const request = requestFor('api', { workload: 'nested', args: { id: a.id } });
  if (request.method !== 'POST') throw new Error('the nested read is a POST');
  return request.body;
});

type Name = 'compiled' | 'interpreted';
const senders = {} as Record<Name, (i: number) => Promise<void>>;
const cpu: Record<Name, number[]> = { compiled: [], interpreted: [] };
for (const name of Object.keys(cpu) as Name[]) {
  const app = createApp(store, { env: 'production', corsOrigins: null, jit: name === 'compiled' });
  const send = async (i: number) => {
    const response = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodies[i % bodies.length],
    });
    const body = await response.text();
    if (body.includes('"errors"')) throw new Error(body);
  };
  for (let i = 0; i < perRound; i++) await send(i); // warm-up: compiled, optimised
  senders[name] = send;
}
for (let round = 0; round < rounds; round++) {
  for (const name of Object.keys(cpu) as Name[]) {
    const start = process.cpuUsage();
    for (let i = 0; i < perRound; i++) await senders[name](i);
    const used = process.cpuUsage(start);
    cpu[name].push((used.user + used.system) / perRound / 1_000);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of Object.entries(cpu))
  console.log(
    `${name.padEnd(12)} CPU ms per nested read: median ${median(xs).toFixed(3)} (${xs.map((x) => x.toFixed(2)).join(', ')})`,
  );
console.log(`compiled / interpreted: ${(median(cpu.compiled) / median(cpu.interpreted)).toFixed(2)}`);
