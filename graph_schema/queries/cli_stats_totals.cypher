// `stancegraph stats`: how much there is, and how much of it is dated.
CALL () { MATCH (a:Article) RETURN count(a) AS articles, count(a.date) AS dated_articles }
CALL () { MATCH (s:Statement) RETURN count(s) AS statements, count(s.date) AS dated_statements }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
CALL () { MATCH (p:Position) RETURN count(p) AS positions }
RETURN articles, dated_articles, statements, dated_statements, actors, positions
