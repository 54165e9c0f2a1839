// A text index serves `searchText CONTAINS $search` (search-actors). Parameters: none.
CREATE TEXT INDEX actor_search IF NOT EXISTS FOR (a:Actor) ON (a.searchText)
