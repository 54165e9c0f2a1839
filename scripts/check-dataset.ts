// Validates a dataset file and prints its counts: `npm run data:check -- data/idlib.json`.
import { DatasetError, loadDatasetFile } from '../src/dataset/load-dataset.js';

const file = process.argv[2] ?? 'data/idlib.json';
try {
  const data = await loadDatasetFile(file);
  const byKind = (items: { kind: string }[]) => {
    const counts = new Map<string, number>();
    for (const { kind } of items) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
  };
  console.log(`${file}: valid`);
  console.log(`  ${data.sources.length} sources, ${data.actors.length} actors (${byKind(data.actors)})`);
  console.log(`  ${data.relations.length} relations (${byKind(data.relations)}), ${data.citations.length} citations`);
} catch (error) {
  if (!(error instanceof DatasetError)) throw error;
  console.error(error.message);
  process.exit(1);
}
