// Whether a relation has a change date in a span, the one place Cypher states it (TypeScript:
// `changeDates`, src/domain/changes.ts): its `since`, its `until`, or, read LAST_REPORTED, the
// `lastReported` of a relation with no `until`.
// Parameters: $changedFrom, $changedTo (YYYY-MM-DD, both ends included), $openEnd.
(r.since >= date($changedFrom) AND r.since <= date($changedTo))
OR (r.until >= date($changedFrom) AND r.until <= date($changedTo))
OR ($openEnd = 'LAST_REPORTED' AND r.until IS NULL
    AND r.lastReported >= date($changedFrom) AND r.lastReported <= date($changedTo))
