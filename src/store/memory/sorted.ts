/** The index of the first element of a list kept sorted by `compare` that sorts after `key`. */
export function upperBound<T, K>(sorted: readonly T[], key: K, compare: (element: T, key: K) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid], key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Inserts `item` into an array kept sorted by `compare`, after any equal elements. An item that
 * sorts last (a store loaded in order, a new relation starting today) is appended in one comparison.
 */
export function insertSorted<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): void {
  if (sorted.length === 0 || compare(sorted[sorted.length - 1], item) <= 0) sorted.push(item);
  else sorted.splice(upperBound(sorted, item, compare), 0, item);
}
