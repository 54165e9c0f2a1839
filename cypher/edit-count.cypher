// How many edits the history holds (a restore needs an empty one). Parameters: none.
MATCH (e:Edit)
RETURN count(e) AS edits
