// `npm run soak -- --minutes N [--warmup M] [--store memory|neo4j] [--clients C]`: a steady mix of reads and
// writes against a server for M + N minutes (bench/soak.ts); prints RSS, errors and p99 per minute and
// exits non-zero on any 5xx. Not part of CI. Figures: docs/operations.md, "Soak".
import { parseArgs } from 'node:util';
import { runSoak } from '../bench/soak.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    store: { type: 'string', default: 'memory' },
    clients: { type: 'string', default: '4' },
  },
});
const minutes = Number(values.minutes);
const clients = Number(values.clients);
const warmupMinutes = Number(values.warmup);
if (!Number.isInteger(minutes) || minutes < 1 || !Number.isInteger(clients) || clients < 1)
  throw new Error('--minutes and --clients take whole numbers of at least 1');
if (!Number.isInteger(warmupMinutes) || warmupMinutes < 0) throw new Error('--warmup takes a whole number of minutes');
if (values.store !== 'memory' && values.store !== 'neo4j') throw new Error('--store is memory or neo4j');

const report = await runSoak({
  minutes,
  warmupMinutes,
  clients,
  store: values.store,
  log: (line) => console.log(line),
});
console.log(
  `soak ${report.store}: RSS ${report.rssAfterWarmupMb} MB in the first measured minute (after ${report.warmupMinutes} ` +
    `of warm-up), ${report.rssEndMb} MB in the last ` +
    `(${report.rssGrowthPercent >= 0 ? '+' : ''}${report.rssGrowthPercent}%); live heap after full collections ` +
    `${report.liveHeapStartMb ?? '-'} MB, then ${report.liveHeapEndMb ?? '-'} MB ` +
    `(${report.liveHeapGrowthPercent === null ? 'too few collections' : `${report.liveHeapGrowthPercent >= 0 ? '+' : ''}${report.liveHeapGrowthPercent}%`}); 5xx: ${report.serverErrors}`,
);
process.exitCode = report.serverErrors > 0 ? 1 : 0;
