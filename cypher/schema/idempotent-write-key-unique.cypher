// An idempotency key is stored once, with the answer of the write that carried it. Parameters: none.
CREATE CONSTRAINT idempotent_write_key_unique IF NOT EXISTS FOR (k:IdempotentWrite) REQUIRE k.key IS UNIQUE
