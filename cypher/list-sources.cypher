// Every source, by id. Parameters: none.
MATCH (s:Source)
RETURN s {.id, .file, .title, .publisher, .published, .publishedApproximate, .reliability} AS source
ORDER BY s.id
