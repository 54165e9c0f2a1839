// One lock node serialises writes (take-write-lock); the constraint makes its first creation safe.
// Parameters: none.
CREATE CONSTRAINT write_lock_name_unique IF NOT EXISTS FOR (l:WriteLock) REQUIRE l.name IS UNIQUE
