// Grades one source. Parameters: $id, $reliability ('A'..'F').
MATCH (s:Source {id: $id})
SET s.reliability = $reliability
RETURN count(s) AS updated
