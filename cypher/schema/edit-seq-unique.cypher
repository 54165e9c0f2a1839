// An edit's number is its place in the history: never two with one (also the index that pages it). Parameters: none.
CREATE CONSTRAINT edit_seq_unique IF NOT EXISTS FOR (e:Edit) REQUIRE e.seq IS UNIQUE
