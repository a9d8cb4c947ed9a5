"""Analytics on the networks and rows: coalitions, centrality, bridges, polarization, stance change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import networkx as nx

from networks.build import Rows, pair_counts
from networks.options import WINDOWS
from networks.rows import aggregate, dedupe, sign

# --- coalitions and centrality ---------------------------------------------------------------

@dataclass
class Coalitions:
    communities: list[set[str]]  # every community, largest first (singletons included)
    modularity: float

    @property
    def camps(self) -> list[set[str]]:
        """Communities of two actors or more; camp k (1-based) is `camps[k - 1]`."""
        return [c for c in self.communities if len(c) > 1]

    def membership(self) -> dict[str, int]:
        """node → coalition number (1, 2, … by size), 0 for an actor in no camp (a singleton)."""
        found = {n: 0 for c in self.communities for n in c}
        for k, camp in enumerate(self.camps, 1):
            found.update((n, k) for n in camp)
        return found


def positive_part(g: nx.Graph, weight: str = "weight") -> nx.Graph:
    """The nodes of `g` with its positive edges only (by the edge's `sign`, else its weight)."""
    h = nx.Graph()
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((u, v, d) for u, v, d in g.edges(data=True)
                     if d.get("sign", sign(d.get(weight, 1))) > 0 and d.get(weight, 1) > 0)
    return h


def coalitions(g: nx.Graph, *, resolution: float = 1.0, seed: int = 7, weight: str = "weight") -> Coalitions:
    """Louvain communities (networkx) on the positive edges of `g` — meant for the congruence
    network (or subtract, whose positive edges are the net agreements). Sets the node attribute
    `coalition` (see `Coalitions.membership`). Deterministic for a given seed."""
    h = positive_part(g, weight)
    if h.number_of_edges() == 0:
        found = [{n} for n in h]
    else:
        found = [set(c) for c in nx.community.louvain_communities(h, weight=weight, resolution=resolution, seed=seed)]
    found.sort(key=lambda c: (-len(c), min(c)))
    q = nx.community.modularity(h, found, weight=weight) if h.number_of_edges() else 0.0
    result = Coalitions(found, q)
    nx.set_node_attributes(g, result.membership(), "coalition")
    return result


def centrality(g: nx.Graph, weight: str = "weight") -> dict[str, dict[str, float]]:
    """Per node: `degree` (neighbours / (n-1)), `strength` (Σ |weight|) and `betweenness`
    (shortest paths with length 1/|weight|: strong ties are short). Set as node attributes."""
    h = nx.Graph()
    h.add_nodes_from(g)
    for u, v, d in g.edges(data=True):
        w = abs(d.get(weight, 1.0)) or 1e-9
        h.add_edge(u, v, distance=1.0 / w, strength=abs(d.get(weight, 1.0)))
    degree = nx.degree_centrality(h) if len(h) > 1 else {n: 0.0 for n in h}
    between = nx.betweenness_centrality(h, weight="distance", normalized=True)
    strength = dict(h.degree(weight="strength"))
    result = {n: {"degree": degree[n], "strength": float(strength[n]), "betweenness": between[n]} for n in g}
    for key in ("degree", "strength", "betweenness"):
        nx.set_node_attributes(g, {n: v[key] for n, v in result.items()}, key)
    return result


def bridges(congruence: nx.Graph, conflict: nx.Graph, found: Coalitions | None = None) -> list[dict[str, Any]]:
    """Actors whose agreements reach into camps that oppose each other.

    Camps are the coalitions of two actors or more. Camps A and B **oppose** each other when,
    summed over all pairs across them, conflict exceeds congruence. With k_ic the congruence
    weight from actor i to the members of camp c (i's own camp included), i **bridges** when it
    agrees with members of two opposing camps (its own camp counts when i belongs to it; its
    ties into it come from the other members). Its score is the participation coefficient
    `1 - Σ_c (k_ic / Σ_c k_ic)²` (0: agrees within one camp only; up to 1 - 1/#camps).
    Sorted by score, then betweenness on the congruence network."""
    found = found or coalitions(congruence)
    camps = found.camps
    camp_of = {n: k for k, camp in enumerate(camps, 1) for n in camp}
    across: dict[tuple[int, int], float] = defaultdict(float)
    for g, factor in ((congruence, 1), (conflict, -1)):
        for u, v, d in g.edges(data=True):
            a, b = camp_of.get(u), camp_of.get(v)
            if a and b and a != b:
                across[tuple(sorted((a, b)))] += factor * d.get("raw_weight", d.get("weight", 1))
    opposed = {pair for pair, net in across.items() if net < 0}
    between = nx.get_node_attributes(congruence, "betweenness") or \
        {n: v["betweenness"] for n, v in centrality(congruence).items()}
    result = []
    for i in congruence:
        ties: dict[int, float] = defaultdict(float)
        for j, d in congruence[i].items():
            if j in camp_of:
                ties[camp_of[j]] += d.get("raw_weight", d.get("weight", 1))
        reached = set(ties)
        pairs = sorted(p for p in opposed if p[0] in reached and p[1] in reached)
        if not pairs:
            continue
        total = sum(ties.values())
        score = 1.0 - sum((k / total) ** 2 for k in ties.values())
        result.append({"actor": i, "name": congruence.nodes[i].get("label", i), "coalition": camp_of.get(i, 0),
                       "score": score, "betweenness": between.get(i, 0.0),
                       "ties": {str(c): float(k) for c, k in sorted(ties.items())},
                       "opposing_camps": [list(p) for p in pairs]})
    result.sort(key=lambda b: (-b["score"], -b["betweenness"], b["actor"]))
    return result


# --- polarization over time ------------------------------------------------------------------

def window_start(day: date, window: str) -> date:
    if window == "week":
        return day - timedelta(days=day.weekday())
    if window == "month":
        return day.replace(day=1)
    if window == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if window == "year":
        return date(day.year, 1, 1)
    raise ValueError(f"unknown window {window!r}; use one of {', '.join(WINDOWS)}")


def next_start(start: date, window: str) -> date:
    if window == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[window]
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1)


def polarization(rows: Rows, window: str = "month", span: int = 1) -> list[dict[str, Any]]:
    """How conflicted the discourse is, window by window (undated rows are left out).

    One entry per calendar `window` (week, month, quarter, year) from the first dated row to
    the last; with `span` > 1 each entry covers the `span` windows ending at it (a moving
    window, moved one window at a time). Within a window the stances are aggregated afresh and

        congruence = Σ_pairs congruence(i, j),  conflict = Σ_pairs conflict(i, j)
        conflict_share = conflict / (congruence + conflict)   (None when both are 0)
    """
    if span < 1:
        raise ValueError("span must be at least 1")
    dated = [r for r in dedupe(rows) if r.date is not None]
    if not dated:
        return []
    starts = [window_start(min(r.date for r in dated), window)]
    last = window_start(max(r.date for r in dated), window)
    while starts[-1] < last:
        starts.append(next_start(starts[-1], window))
    result = []
    for k, start in enumerate(starts):
        first = starts[max(0, k - span + 1)]
        end = next_start(start, window)  # exclusive
        inside = [r for r in dated if first <= r.date < end]
        pairs = pair_counts(aggregate(inside))
        c = sum(len(p["agree"]) for p in pairs.values())
        k_ = sum(len(p["disagree"]) for p in pairs.values())
        result.append({"window": start.isoformat(), "start": first, "end": end - timedelta(days=1),
                       "statements": len(inside), "actors": len({r.actor for r in inside}),
                       "positions": len({r.position for r in inside}),
                       "congruence": c, "conflict": k_, "conflict_share": k_ / (c + k_) if c + k_ else None})
    return result


# --- stance change ---------------------------------------------------------------------------

def stance_changes(rows: Rows) -> list[dict[str, Any]]:
    """Actors whose polarity on a position changed between articles, with both statements.

    Per (actor, position), the dated rows are ordered by date (then article); each article's
    polarity is the sign of the sum of the actor's rows in it, articles where that is 0 are
    skipped, and every switch between consecutive non-zero polarities is one change (from the
    earlier article's statement to the later one's). Undated rows are left out."""
    per_article: dict[tuple[str, str], dict[str, list]] = defaultdict(dict)
    for r in dedupe(rows):
        if r.date is not None:
            per_article[(r.actor, r.position)].setdefault(r.article, []).append(r)
    changes = []
    for (actor, position), articles in per_article.items():
        ordered = sorted(articles.values(), key=lambda rs: (rs[0].date, rs[0].article))
        previous = None
        for group in ordered:
            polarity = sign(sum(r.polarity for r in group))
            if polarity == 0:
                continue
            said = next(r for r in group if r.polarity == polarity)
            if previous is not None and previous[0] != polarity:
                changes.append({"actor": actor, "actor_name": said.name, "position": position,
                                "position_label": said.label,
                                "before": _statement(previous[1], previous[0]), "after": _statement(said, polarity)})
            previous = (polarity, said)
    changes.sort(key=lambda c: (c["after"]["date"], c["actor_name"], c["position_label"]))
    return changes


def _statement(row, polarity: int) -> dict[str, Any]:
    return {"polarity": polarity, "date": row.date, "article": row.article, "article_title": row.article_title,
            "statement": row.statement, "evidence": row.evidence}


def top_edges(g: nx.Graph, n: int = 15) -> list[tuple[str, str, Mapping[str, Any]]]:
    return sorted(g.edges(data=True), key=lambda e: (-abs(e[2].get("weight", 0)), e[0], e[1]))[:n]


def summary(g: nx.Graph) -> dict[str, Any]:
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "positive": sum(1 for *_, d in g.edges(data=True) if d.get("sign", 1) > 0),
            "negative": sum(1 for *_, d in g.edges(data=True) if d.get("sign", 1) < 0)}



def coalition_report(rows: Rows, normalize: str = "none", *, resolution: float = 1.0, seed: int = 7,
                     filters=None) -> dict[str, Any]:
    """Congruence network with `coalition`, `degree`, `strength` and `betweenness` on its nodes,
    the coalitions (camps listed with their members, most central first) and the bridges."""
    from networks.build import actor_network

    rows = dedupe(rows)
    congruence = actor_network(rows, "congruence", normalize, filters)
    conflict = actor_network(rows, "conflict", normalize, filters)
    found = coalitions(congruence, resolution=resolution, seed=seed)
    central = centrality(congruence)
    camps = []
    for k, camp in enumerate(found.camps, 1):
        members = sorted(camp, key=lambda n: (-central[n]["betweenness"], -central[n]["strength"], n))
        camps.append({"coalition": k, "size": len(camp),
                      "members": [{"id": n, "name": congruence.nodes[n].get("label", n),
                                   "kind": congruence.nodes[n].get("kind", ""), **central[n]} for n in members]})
    unaffiliated = sorted(n for n, c in found.membership().items() if c == 0)
    return {"graph": congruence, "conflict": conflict, "coalitions": camps, "modularity": found.modularity,
            "unaffiliated": [{"id": n, "name": congruence.nodes[n].get("label", n)} for n in unaffiliated],
            "bridges": bridges(congruence, conflict, found)}
