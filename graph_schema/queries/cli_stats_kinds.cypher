// `stancegraph stats`: statements per kind and polarity, the most frequent first.
MATCH (s:Statement)
RETURN s.kind AS kind, s.polarity AS polarity, count(*) AS statements
ORDER BY statements DESC, kind, polarity
