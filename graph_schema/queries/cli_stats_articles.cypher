// `stancegraph stats`: articles per source (the publisher; null when not given) and month of
// publication (null when undated, listed last).
MATCH (a:Article)
WITH a.source AS source, CASE WHEN a.date IS NULL THEN null ELSE substring(toString(a.date), 0, 7) END AS month
RETURN source, month, count(*) AS articles
ORDER BY source IS NULL, source, month IS NULL, month
