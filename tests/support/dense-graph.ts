import type { Dataset } from '../../src/dataset/dataset.js';
import type { RelationFacts as Relation } from '../../src/domain/types.js';
import { buildActor, buildDataset, buildRelation } from './build.js';

/** A complete graph of `n` actors with `parallel` relations per pair: path counts explode. */
export function denseDataset(n: number, parallel: number): Dataset {
  const actors = Array.from({ length: n }, (_, i) => buildActor({ id: `d${String(i).padStart(2, '0')}` }));
  const relations: Relation[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let k = 0; k < parallel; k++)
        relations.push(buildRelation({ id: `d${i}-${j}-${k}`, from: actors[i].id, to: actors[j].id }));
    }
  }
  return buildDataset({ actors, relations });
}
