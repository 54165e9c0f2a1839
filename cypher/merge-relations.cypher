// Relationship types cannot be parameters in Cypher 5, so each kind has its own MERGE branch;
// exactly one FOREACH runs per relation; set-relation-evidence then sets what the citations vouch
// for. Parameters: $relations (list of maps: id, kind, from, to, since, until, precision, summary,
// places, sinceBound).
UNWIND $relations AS rel
MATCH (x:Actor {id: rel.from}), (y:Actor {id: rel.to})
FOREACH (_ IN CASE WHEN rel.kind = 'FIGHTS' THEN [1] ELSE [] END |
  MERGE (x)-[r:FIGHTS {id: rel.id}]->(y)
  SET r.since = date(rel.since), r.until = date(rel.until), r.precision = rel.precision, r.summary = rel.summary, r.places = rel.places, r.sinceBound = rel.sinceBound)
FOREACH (_ IN CASE WHEN rel.kind = 'SUPPORTS' THEN [1] ELSE [] END |
  MERGE (x)-[r:SUPPORTS {id: rel.id}]->(y)
  SET r.since = date(rel.since), r.until = date(rel.until), r.precision = rel.precision, r.summary = rel.summary, r.places = rel.places, r.sinceBound = rel.sinceBound)
FOREACH (_ IN CASE WHEN rel.kind = 'NEGOTIATES' THEN [1] ELSE [] END |
  MERGE (x)-[r:NEGOTIATES {id: rel.id}]->(y)
  SET r.since = date(rel.since), r.until = date(rel.until), r.precision = rel.precision, r.summary = rel.summary, r.places = rel.places, r.sinceBound = rel.sinceBound)
FOREACH (_ IN CASE WHEN rel.kind = 'MEMBER_OF' THEN [1] ELSE [] END |
  MERGE (x)-[r:MEMBER_OF {id: rel.id}]->(y)
  SET r.since = date(rel.since), r.until = date(rel.until), r.precision = rel.precision, r.summary = rel.summary, r.places = rel.places, r.sinceBound = rel.sinceBound)
