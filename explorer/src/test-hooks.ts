/**
 * The hooks the page exposes on `window.__explorer` for the browser tests
 * (tests/e2e/explorer.test.ts) and for curious developers in the console.
 */
export interface ExplorerHooks {
  ready: Promise<void>;
  date(): string | null;
  nodeIds(): string[];
  edgeIds(): string[];
  highlighted(): { nodes: string[]; edges: string[] };
  clientPoint(id: string): { x: number; y: number } | null;
  idle(): Promise<void>;
}

declare global {
  interface Window {
    __explorer: ExplorerHooks;
  }
}
