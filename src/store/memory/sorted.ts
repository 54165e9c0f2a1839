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

/** Inserts `item` into an array kept sorted by `compare`, after any equal elements. */
export function insertSorted<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): void {
  sorted.splice(upperBound(sorted, item, compare), 0, item);
}
