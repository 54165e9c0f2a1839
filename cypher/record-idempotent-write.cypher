// Stores a write's answer under its idempotency key, in the write's own transaction: the key is
// kept exactly when the write commits. CREATE, so the uniqueness constraint refuses a second one.
// Parameters: $key, $result (the answer as JSON text).
CREATE (:IdempotentWrite {key: $key, result: $result, at: datetime()})
