/** Inserts `item` into an array kept sorted by `compare`, after any equal elements. */
export function insertSorted<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, item);
}
