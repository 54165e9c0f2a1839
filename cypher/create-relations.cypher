// New relations between existing actors. Relationship types cannot be parameters, so each kind
// has its own CREATE branch; exactly one FOREACH runs per relation. Answers how many relations
// found both their actors, so the caller can tell that each was written.
// Their evidence properties are set by set-relation-evidence in the same transaction.
// Parameters: $relations (list of maps: id, kind, from, to, since, until, precision, summary, places,
// sinceBound).
UNWIND $relations AS rel
MATCH (x:Actor {id: rel.from}), (y:Actor {id: rel.to})
FOREACH (_ IN CASE WHEN rel.kind = 'FIGHTS' THEN [1] ELSE [] END |
  CREATE (x)-[:FIGHTS {id: rel.id, since: date(rel.since), until: date(rel.until), precision: rel.precision,
                       summary: rel.summary, places: rel.places, sinceBound: rel.sinceBound}]->(y))
FOREACH (_ IN CASE WHEN rel.kind = 'SUPPORTS' THEN [1] ELSE [] END |
  CREATE (x)-[:SUPPORTS {id: rel.id, since: date(rel.since), until: date(rel.until), precision: rel.precision,
                         summary: rel.summary, places: rel.places, sinceBound: rel.sinceBound}]->(y))
FOREACH (_ IN CASE WHEN rel.kind = 'NEGOTIATES' THEN [1] ELSE [] END |
  CREATE (x)-[:NEGOTIATES {id: rel.id, since: date(rel.since), until: date(rel.until), precision: rel.precision,
                           summary: rel.summary, places: rel.places, sinceBound: rel.sinceBound}]->(y))
FOREACH (_ IN CASE WHEN rel.kind = 'MEMBER_OF' THEN [1] ELSE [] END |
  CREATE (x)-[:MEMBER_OF {id: rel.id, since: date(rel.since), until: date(rel.until), precision: rel.precision,
                          summary: rel.summary, places: rel.places, sinceBound: rel.sinceBound}]->(y))
RETURN count(*) AS created
