"""Discourse networks from stance rows (pure: rows in, `nx.Graph` out), after Leifeld's DNA.

Every network first aggregates the rows per (actor, position) (`rows.aggregate`): the actor's
polarity on a position is the sign of the sum of its deduplicated statements' polarities.
P(i) is the set of positions on which actor i has a non-zero aggregated polarity.

- actor-position (two-mode): an edge actor–position per aggregated stance;
  `weight` = deduplicated statements, `polarity` = the aggregated sign (also `positive`,
  `negative`, `neutral` counts).
- congruence (one-mode, actors): `congruence(i, j)` = |{p : pol(i,p) = pol(j,p) ≠ 0}|.
- conflict (one-mode, actors): `conflict(i, j)` = |{p : pol(i,p) = -pol(j,p) ≠ 0}|.
- subtract: `congruence(i, j) - conflict(i, j)`; pairs where that is 0 have no edge.
- position-cosupport (one-mode, positions): `cosupport(p, q)` = |S(p) ∩ S(q)|, S(p) the actors
  whose aggregated polarity on p is +1 (`co_oppose` on the edge counts the shared opponents).

Normalization (`normalize`) divides the raw weight w(i, j):
- "jaccard": w / |P(i) ∪ P(j)|  (for positions: w / |S(p) ∪ S(q)|);
- "cosine":  w / sqrt(|P(i)| · |P(j)|)  (for positions: w / sqrt(|S(p)| · |S(q)|)).
For subtract both terms share the denominator, so normalized subtract = normalized congruence −
normalized conflict. Every edge keeps the raw `congruence` and `conflict` counts, `sign` (+1/-1)
and the positions they agree (`agree_on`) and disagree (`disagree_on`) on.

All actors in the rows are nodes of the actor networks, isolated or not (so is every position
in position-cosupport).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

import networkx as nx

from networks.options import KINDS, NORMALIZATIONS
from networks.rows import Filters, Stance, StanceRow, aggregate, dedupe, iso_date, sign

Rows = Iterable[StanceRow | Mapping[str, Any]]


def _normalizer(normalize: str, sets: Mapping[str, set]):
    if normalize not in NORMALIZATIONS:
        raise ValueError(f"unknown normalization {normalize!r}; use one of {', '.join(NORMALIZATIONS)}")
    if normalize == "jaccard":
        return lambda i, j: len(sets[i] | sets[j]) or 1
    if normalize == "cosine":
        return lambda i, j: math.sqrt(len(sets[i]) * len(sets[j])) or 1
    return lambda i, j: 1


def _actor_nodes(g: nx.Graph, rows: list[StanceRow], stances: dict[tuple[str, str], Stance],
                 bipartite: bool) -> None:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.actor] += 1
    held: dict[str, int] = defaultdict(int)
    for (actor, _), st in stances.items():
        held[actor] += st.polarity != 0
    for r in rows:
        if r.actor not in g:
            attrs = {"label": r.name, "mode": "actor", "kind": r.actor_kind or "",
                     "statements": counts[r.actor], "positions": held[r.actor]}
            if bipartite:
                attrs["bipartite"] = 0
            g.add_node(r.actor, **attrs)


def _position_nodes(g: nx.Graph, rows: list[StanceRow], stances: dict[tuple[str, str], Stance],
                    bipartite: bool) -> None:
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.position] += 1
    sides: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (_, position), st in stances.items():
        sides[position][{1: 0, -1: 1, 0: 2}[st.polarity]] += 1
    for r in rows:
        if r.position not in g:
            attrs = {"label": r.label, "mode": "position", "kind": "position", "statements": counts[r.position],
                     "supporters": sides[r.position][0], "opponents": sides[r.position][1],
                     "undecided": sides[r.position][2]}
            if bipartite:
                attrs["bipartite"] = 1
            g.add_node(r.position, **attrs)


def _graph(network: str, normalize: str, filters: Filters | None) -> nx.Graph:
    g = nx.Graph(network=network, normalize=normalize)
    g.graph.update((filters or Filters()).describe())
    return g


def actor_position(rows: Rows, filters: Filters | None = None) -> nx.Graph:
    """The two-mode actor × position network (see the module docstring)."""
    rows = dedupe(rows)
    stances = aggregate(rows)
    g = _graph("actor-position", "none", filters)
    _actor_nodes(g, rows, stances, bipartite=True)
    clash = {r.actor for r in rows} & {r.position for r in rows}
    if clash:
        raise ValueError(f"actor and position ids overlap: {sorted(clash)[:3]}")
    _position_nodes(g, rows, stances, bipartite=True)
    for (actor, position), st in stances.items():
        g.add_edge(actor, position, weight=float(st.statements), statements=st.statements, polarity=st.polarity,
                   sign=st.polarity, positive=st.positive, negative=st.negative, neutral=st.neutral,
                   first_date=iso_date(st.first) or "", last_date=iso_date(st.last) or "")
    return g


def pair_counts(stances: Mapping[tuple[str, str], Stance]) -> dict[tuple[str, str], dict[str, list[str]]]:
    """(i, j) with i < j → {"agree": positions, "disagree": positions} over non-zero stances."""
    sides: dict[str, dict[int, list[str]]] = defaultdict(lambda: {1: [], -1: []})
    for (actor, position), st in stances.items():
        if st.polarity:
            sides[position][st.polarity].append(actor)
    pairs: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: {"agree": [], "disagree": []})
    for position in sorted(sides):
        pro, con = sorted(sides[position][1]), sorted(sides[position][-1])
        for group in (pro, con):
            for i, j in combinations(group, 2):
                pairs[(i, j)]["agree"].append(position)
        for i in pro:
            for j in con:
                pairs[tuple(sorted((i, j)))]["disagree"].append(position)
    return pairs


def actor_network(rows: Rows, relation: str = "congruence", normalize: str = "none",
                  filters: Filters | None = None) -> nx.Graph:
    """One-mode actor network: relation congruence, conflict or subtract (module docstring)."""
    if relation not in ("congruence", "conflict", "subtract"):
        raise ValueError(f"unknown relation {relation!r}")
    rows = dedupe(rows)
    stances = aggregate(rows)
    held: dict[str, set[str]] = defaultdict(set)
    for (actor, position), st in stances.items():
        if st.polarity:
            held[actor].add(position)
    denominator = _normalizer(normalize, held)
    g = _graph(relation, normalize, filters)
    _actor_nodes(g, rows, stances, bipartite=False)
    labels = {r.position: r.label for r in rows}
    for (i, j), found in pair_counts(stances).items():
        c, k = len(found["agree"]), len(found["disagree"])
        raw = {"congruence": c, "conflict": k, "subtract": c - k}[relation]
        if raw == 0:
            continue
        g.add_edge(i, j, weight=raw / denominator(i, j), raw_weight=raw,
                   sign=-1 if relation == "conflict" else sign(raw), congruence=c, conflict=k,
                   agree_on=[labels[p] for p in found["agree"]], disagree_on=[labels[p] for p in found["disagree"]])
    return g


def position_cosupport(rows: Rows, normalize: str = "none", filters: Filters | None = None) -> nx.Graph:
    """One-mode position network: positions supported by the same actors (module docstring)."""
    rows = dedupe(rows)
    stances = aggregate(rows)
    supporters: dict[str, set[str]] = defaultdict(set)
    opponents: dict[str, set[str]] = defaultdict(set)
    for (actor, position), st in stances.items():
        if st.polarity > 0:
            supporters[position].add(actor)
        elif st.polarity < 0:
            opponents[position].add(actor)
    denominator = _normalizer(normalize, supporters)
    names = {r.actor: r.name for r in rows}
    g = _graph("position-cosupport", normalize, filters)
    _position_nodes(g, rows, stances, bipartite=False)
    for p, q in combinations(sorted(g), 2):
        shared = supporters[p] & supporters[q]
        if shared:
            g.add_edge(p, q, weight=len(shared) / denominator(p, q), raw_weight=len(shared), sign=1,
                       cosupport=len(shared), co_oppose=len(opponents[p] & opponents[q]),
                       actors=sorted(names[a] for a in shared))
    return g


def build(kind: str, rows: Rows, normalize: str = "none", filters: Filters | None = None) -> nx.Graph:
    """The network `kind` (one of KINDS) from the rows."""
    if kind == "actor-position":
        return actor_position(rows, filters)
    if kind in ("congruence", "conflict", "subtract"):
        return actor_network(rows, kind, normalize, filters)
    if kind == "position-cosupport":
        return position_cosupport(rows, normalize, filters)
    raise ValueError(f"unknown network {kind!r}; use one of {', '.join(KINDS)}")
