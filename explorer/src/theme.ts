// Colours, shapes and names of actor and relation kinds: one place for the graph, the legend and the panels.

import type { ActorKind, RelationKind } from './queries.js';

export interface ActorStyle {
  label: string;
  color: string;
  shape: 'ellipse' | 'round-rectangle' | 'hexagon' | 'diamond' | 'triangle';
  size: number;
}

export const ACTOR_KINDS: Record<ActorKind, ActorStyle> = {
  STATE: { label: 'State', color: '#3e6fb0', shape: 'round-rectangle', size: 34 },
  ARMED_GROUP: { label: 'Armed group', color: '#ef8a2c', shape: 'ellipse', size: 30 },
  MILITIA: { label: 'Militia', color: '#9a6a4b', shape: 'triangle', size: 30 },
  COALITION: { label: 'Coalition', color: '#e3b505', shape: 'hexagon', size: 32 },
  POLITICAL_DELEGATION: { label: 'Delegation', color: '#2f9e98', shape: 'diamond', size: 28 },
  INTERNATIONAL_ORGANIZATION: { label: 'International org.', color: '#a15ea8', shape: 'diamond', size: 28 },
  MONITOR: { label: 'Monitor', color: '#6b6b6b', shape: 'ellipse', size: 24 },
  MEDIA: { label: 'Media', color: '#a8a8a8', shape: 'ellipse', size: 24 },
  PERSON: { label: 'Person', color: '#e27fa0', shape: 'ellipse', size: 20 },
};

export interface RelationStyle {
  label: string;
  /** How the relation reads between its two actors. */
  verb: string;
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  directed: boolean;
}

export const RELATION_KINDS: Record<RelationKind, RelationStyle> = {
  FIGHTS: { label: 'Fights (hostile)', verb: 'fights', color: '#d1342f', line: 'solid', directed: false },
  SUPPORTS: { label: 'Supports', verb: 'supports', color: '#2e9a47', line: 'solid', directed: true },
  NEGOTIATES: { label: 'Negotiates', verb: 'negotiates with', color: '#2b7bd6', line: 'dashed', directed: false },
  MEMBER_OF: { label: 'Member of', verb: 'is a member of', color: '#7d6fa8', line: 'dotted', directed: true },
};

export const HIGHLIGHT = '#f6b400';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

/** A small icon of an actor kind's shape and colour. */
export function actorIcon(kind: ActorKind, size = 14): SVGElement {
  const style = ACTOR_KINDS[kind];
  const root = svg('svg', { width: size, height: size, viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'icon' });
  const paint = { fill: style.color, stroke: '#1f2430', 'stroke-width': 1 };
  switch (style.shape) {
    case 'round-rectangle':
      root.appendChild(svg('rect', { x: 1.5, y: 2.5, width: 13, height: 11, rx: 3, ...paint }));
      break;
    case 'hexagon':
      root.appendChild(svg('polygon', { points: '4,1.5 12,1.5 15,8 12,14.5 4,14.5 1,8', ...paint }));
      break;
    case 'diamond':
      root.appendChild(svg('polygon', { points: '8,1 15,8 8,15 1,8', ...paint }));
      break;
    case 'triangle':
      root.appendChild(svg('polygon', { points: '8,1.5 15,14.5 1,14.5', ...paint }));
      break;
    default:
      root.appendChild(svg('circle', { cx: 8, cy: 8, r: kind === 'PERSON' ? 5 : 6.5, ...paint }));
  }
  return root;
}

/** A short line in a relation kind's colour and dash, with an arrow head when it is directed. */
export function relationIcon(kind: RelationKind, width = 30): SVGElement {
  const style = RELATION_KINDS[kind];
  const root = svg('svg', { width, height: 12, viewBox: `0 0 ${width} 12`, 'aria-hidden': 'true', class: 'icon' });
  const dash = style.line === 'dashed' ? '5 3' : style.line === 'dotted' ? '1.5 2.5' : '';
  const end = style.directed ? width - 8 : width - 1;
  root.appendChild(
    svg('line', {
      x1: 1,
      y1: 6,
      x2: end,
      y2: 6,
      stroke: style.color,
      'stroke-width': 2.5,
      'stroke-dasharray': dash,
      'stroke-linecap': 'butt',
    }),
  );
  if (style.directed)
    root.appendChild(svg('polygon', { points: `${width - 9},1.5 ${width},6 ${width - 9},10.5`, fill: style.color }));
  return root;
}

/** The colours of the camps, largest camp first (the graph rings each actor in its camp's colour). */
export const CAMP_COLORS = ['#0b7a75', '#c2410c', '#6d28d9', '#a16207'] as const;
