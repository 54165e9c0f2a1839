import type { Reading } from './reading.js';

/**
 * The hooks the page exposes on `window.__explorer` for the browser tests
 * (tests/e2e/explorer.test.ts) and for curious developers in the console.
 */
export interface ExplorerHooks {
  ready: Promise<void>;
  date(): string | null;
  nodeIds(): string[];
  edgeIds(): string[];
  /** Ids of the relations drawn as only assumed to continue (faded and dashed). */
  assumedEdgeIds(): string[];
  /** How a relation is drawn; null when it is not on the graph. */
  edgeStyle(id: string): { lineStyle: string; opacity: number; width: number } | null;
  /** The reading the controls are set to. */
  reading(): Reading;
  highlighted(): { nodes: string[]; edges: string[] };
  /** Each actor drawn and its box on the graph, label included (graph coordinates). */
  nodeBoxes(): { id: string; x1: number; y1: number; x2: number; y2: number }[];
  /** Groups of two or more relations drawn between the same two actors, the count shown, their midpoints. */
  /** Each actor drawn and the index of its camp that day (null: in none). */
  camps(): Record<string, number | null>;
  bundles(): { pair: string; edges: string[]; label: string | null; midpoints: { x: number; y: number }[] }[];
  clientPoint(id: string): { x: number; y: number } | null;
  idle(): Promise<void>;
}

declare global {
  interface Window {
    __explorer: ExplorerHooks;
  }
}
