// Parameters: $sources (list of maps: id, file, title, publisher, published, publishedApproximate,
// reliability).
UNWIND $sources AS s
MERGE (x:Source {id: s.id})
SET x.file = s.file, x.title = s.title, x.publisher = s.publisher,
    x.published = date(s.published), x.publishedApproximate = s.publishedApproximate,
    x.reliability = s.reliability
