// The "active in window" condition, the one place Cypher states it. A relation is active in the
// window when it started on or before the window's last day and had not ended before its first
// day. Its end: `until` when a source gave one; with no `until`, none under the ONGOING reading and
// its last report (`lastReported`) under LAST_REPORTED. (TypeScript states the same in
// `isActiveIn`, src/domain/reading.ts; the store contract and the differential test keep the two
// equal.) Statements take it through the in-reading fragment.
// Parameters: $windowFrom, $windowTo (YYYY-MM-DD; an open end is sent as the earliest or latest
// date), $openEnd ('ONGOING' or 'LAST_REPORTED'), from `readingParams` in statements.ts.
r.since <= date($windowTo)
AND CASE
  WHEN r.until IS NOT NULL THEN r.until >= date($windowFrom)
  WHEN $openEnd = 'LAST_REPORTED' THEN r.lastReported >= date($windowFrom)
  ELSE true
END
