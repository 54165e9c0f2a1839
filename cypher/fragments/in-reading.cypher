// Whether a relation is read at all under one reading of the graph: active in its window under its
// open-end reading, and sourced as its evidence filter asks (TypeScript: `inReading`). A statement
// writes /*@in-reading(r)*/ where the condition goes, naming its own relationship variable; the
// statement loader (src/store/neo4j/statements.ts) splices the fragments in, in parentheses, with
// `r` renamed. Parameters: those of active-in-window and has-evidence, from `readingParams`.
/*@active-in-window(r)*/ AND /*@has-evidence(r)*/
