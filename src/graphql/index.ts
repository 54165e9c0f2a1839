import { lexicographicSortSchema } from 'graphql';
import { countAnswerValues } from './answer-size.js';
import { builder } from './builder.js';
import './types/date.js';
import './types/enums.js';
import './types/actor.js';
import './types/relation.js';
import './types/citation.js';
import './types/subgraph.js';
import './types/path.js';
import './types/change.js';
import './types/balance.js';
import './types/camps.js';
import './types/source.js';
import './types/graph-change.js';
import './types/edit.js';

/** The GraphQL schema, sorted so the printed SDL is stable; every field counts against the answer's size. */
export const schema = countAnswerValues(lexicographicSortSchema(builder.toSchema()));
