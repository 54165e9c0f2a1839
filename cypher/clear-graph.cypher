// Deletes every actor, relation, source and citation (`npm run seed -- --reset`, tests).
// Parameters: none.
MATCH (n) WHERE n:Actor OR n:Source OR n:Citation OR n:MergedActor
DETACH DELETE n
