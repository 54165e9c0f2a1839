// The first statement of every write transaction: it write-locks the one lock node, so writes run
// one at a time and the checks a transaction makes still hold when it commits (Neo4j reads at
// read-committed isolation and takes no lock on what a statement only reads). The node is made on
// first use; its uniqueness constraint makes two first uses agree on one node.
// Parameters: $name (the lock's name).
MERGE (l:WriteLock {name: $name})
SET l.seq = coalesce(l.seq, 0) + 1
RETURN l.seq AS seq
