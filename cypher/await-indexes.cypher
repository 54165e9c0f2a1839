// Waits (up to 60 s) until every index is online, so queries right after seeding use them.
// Parameters: none.
CALL db.awaitIndexes(60)
