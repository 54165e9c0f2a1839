// The "active in window" condition, the one place Cypher states it. A statement writes
// /*@active-in-window(r)*/ where the condition goes, naming its own relationship variable; the
// statement loader (src/store/neo4j/statements.ts) splices this text in, in parentheses, with `r`
// renamed. A relation is active in the window when it started on or before the window's last day
// and had not ended before its first day; a null end of the window is open, a null `until` is no
// known end. (TypeScript states the same in `isActiveIn`, src/domain/dates.ts; the store contract
// and the differential test keep the two equal.)
// Parameters: $windowFrom, $windowTo (YYYY-MM-DD or null), from `windowParams` in statements.ts.
($windowTo IS NULL OR r.since <= date($windowTo))
AND ($windowFrom IS NULL OR r.until IS NULL OR r.until >= date($windowFrom))
