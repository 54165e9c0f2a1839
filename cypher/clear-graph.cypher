// Deletes every actor, relation, source, citation, redirect and stored idempotent answer
// (`npm run seed -- --reset`, tests). Parameters: none.
MATCH (n) WHERE n:Actor OR n:Source OR n:Citation OR n:MergedActor OR n:IdempotentWrite
DETACH DELETE n
