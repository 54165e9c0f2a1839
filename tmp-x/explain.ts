import neo4j from 'neo4j-driver';
import { cypher, STATEMENT_NAMES, withMaxHops } from '../src/store/neo4j/statements.js';
const driver = neo4j.driver('bolt://127.0.0.1:7699', neo4j.auth.basic('neo4j', 'idlib-local-password'));
const params: Record<string, unknown> = { ids: ['a'], kinds: null, from: null, to: null, direction: 'ANY', mutualKinds: ['FIGHTS'], search: null, afterId: null, limit: neo4j.int(10), afterSince: null, actorId: 'a', a: 'a', b: 'b', source: 'a', target: 'b', windowFrom: null, windowTo: null, directed: false, timeRespecting: false, first: neo4j.int(5), sources: [], actors: [], relations: [], citations: [] };
function ops(plan: any, out: string[] = []): string[] { out.push(plan.operatorType); for (const c of plan.children) ops(c, out); return out; }
for (const name of STATEMENT_NAMES) {
  if (name.startsWith('merge') || name === 'clear-graph' || name === 'await-indexes') continue;
  const text = name === 'shortest-path' || name === 'paths' ? withMaxHops(name, 3) : cypher(name);
  const r = await driver.executeQuery('EXPLAIN ' + text, name === 'changes' ? {} : { ...params, from: name.startsWith('relations-changed') ? '2017-01-01' : null, to: name.startsWith('relations-changed') ? '2018-01-01' : null });
  console.log(name.padEnd(28), ops(r.summary.plan).join(' < '));
}
await driver.close();
