// A new source. CREATE, not MERGE: the uniqueness constraint refuses an id that exists.
// Parameters: $source (map: id, file, title, publisher, published, publishedApproximate, reliability).
CREATE (x:Source {id: $source.id})
SET x.file = $source.file, x.title = $source.title, x.publisher = $source.publisher,
    x.published = date($source.published), x.publishedApproximate = $source.publishedApproximate,
    x.reliability = $source.reliability
