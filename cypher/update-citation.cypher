// Sets one citation's stance and credibility. Parameters: $id, $stance ('REPORTS' or 'DISPUTES'),
// $credibility (1 to 6).
MATCH (c:Citation {id: $id})
SET c.stance = $stance, c.credibility = $credibility
RETURN count(c) AS updated
