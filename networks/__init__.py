"""Discourse networks from the stance graph (after Leifeld's Discourse Network Analyzer).

Reading order: `options` (the vocabularies, free of networkx so that `--help` stays instant), `rows`
(the one Cypher query, deduplication, per-(actor, position) aggregation),
`build` (two-mode and one-mode networks as networkx graphs, pure), `analysis` (coalitions,
centrality, bridges, polarization over time, stance change), `export` (GraphML, GEXF, CSV,
JSON) and `draw` (PNG/SVG). `load` fetches and builds in one call, timed.
"""
