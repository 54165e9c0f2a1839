// Deletes every actor, relation, source, citation, redirect, stored idempotent answer and edit
// (`npm run seed -- --reset`, tests). Parameters: none.
MATCH (n) WHERE n:Actor OR n:Source OR n:Citation OR n:MergedActor OR n:IdempotentWrite OR n:Edit
DETACH DELETE n
