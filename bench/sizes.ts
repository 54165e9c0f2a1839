/** The benchmark's dataset sizes. */
export const SIZES = {
  /** For CI: a thousand relations. */
  small: { actors: 200, relations: 1_000, sources: 100 },
  medium: { actors: 10_000, relations: 100_000, sources: 300 },
  large: { actors: 100_000, relations: 1_000_000, sources: 300 },
} as const;

/**
 * Page cache of the benchmark's own Neo4j, in MiB: large enough to hold the store (the large
 * graph takes about 950 MB on disk), as Neo4j's sizing guide asks of a production server.
 */
export const PAGE_CACHE_MB: Record<keyof typeof SIZES, number> = {
  small: 256,
  medium: 256,
  large: 1_280,
} as const;

export type SizeName = keyof typeof SIZES;
export type Size = (typeof SIZES)[SizeName];

export const isSizeName = (value: string): value is SizeName => Object.hasOwn(SIZES, value);
