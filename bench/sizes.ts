/** The benchmark's dataset sizes. */
export const SIZES = {
  /** For CI: a thousand relations. */
  small: { actors: 200, relations: 1_000, sources: 100 },
  medium: { actors: 10_000, relations: 100_000, sources: 300 },
  large: { actors: 100_000, relations: 1_000_000, sources: 300 },
} as const;

export type SizeName = keyof typeof SIZES;
export type Size = (typeof SIZES)[SizeName];

export const isSizeName = (value: string): value is SizeName => Object.hasOwn(SIZES, value);
