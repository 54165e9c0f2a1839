// The stored answer of an earlier write with this idempotency key; no row when there is none.
// Parameters: $key.
MATCH (k:IdempotentWrite {key: $key})
RETURN k.result AS result
