"""A picture of a network (PNG, SVG, PDF by the file suffix), drawn with matplotlib's Agg canvas.

Nodes are coloured by coalition (the `coalition` attribute, computed with Louvain on the
positive edges when absent; grey: in no camp), positions in a two-mode network are grey
squares; edges are green when positive, red when negative, grey when neutral, their width
growing with |weight|. Above `max_nodes` nodes only the top ones by weighted degree are drawn.
No pyplot: the figure is an object of its own, so drawing is safe in the API's threads.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from networks.analysis import coalitions

POSITIVE, NEGATIVE, NEUTRAL = "#2e9d3a", "#d62728", "#9a9a9a"
NO_CAMP, POSITION = "#c8c8c8", "#b8c4d6"
PALETTE = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d"]


def top_nodes(g: nx.Graph, max_nodes: int) -> nx.Graph:
    """`g` itself, or its subgraph on the `max_nodes` nodes with the largest Σ|weight|."""
    if len(g) <= max_nodes:
        return g
    strength = {n: sum(abs(d.get("weight", 1)) for d in g[n].values()) for n in g}
    keep = sorted(g, key=lambda n: (-strength[n], str(n)))[:max_nodes]
    h = g.subgraph(keep).copy()
    h.graph["drawn"] = f"top {max_nodes} of {len(g)} nodes by weighted degree"
    return h


def _congruence_projection(g: nx.Graph) -> nx.Graph:
    """Actors of a two-mode network, tied by the positions they take the same side on."""
    h = nx.Graph()
    h.add_nodes_from(n for n, d in g.nodes(data=True) if d.get("mode") != "position")
    for p, d in g.nodes(data=True):
        if d.get("mode") == "position":
            for side in (1, -1):
                actors = sorted(a for a, e in g[p].items() if e.get("polarity") == side)
                for i, a in enumerate(actors):
                    for b in actors[i + 1:]:
                        w = h.get_edge_data(a, b, {"weight": 0})["weight"]
                        h.add_edge(a, b, weight=w + 1)
    return h


def _edge_sign(d: dict) -> int:
    s = d.get("sign", d.get("polarity"))
    if s is None:
        s = d.get("weight", 1)
    return (s > 0) - (s < 0)


def _wrap(label: str, width: int = 22) -> str:
    lines = textwrap.wrap(str(label), width) or [""]
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def layout(g: nx.Graph, seed: int = 1) -> dict:
    """Spring layout where agreement pulls hard and disagreement only a little."""
    if len(g) == 0:
        return {}
    h = nx.Graph()
    h.add_nodes_from(g)
    top = max((abs(d.get("weight", 1)) for *_, d in g.edges(data=True)), default=1) or 1
    for u, v, d in g.edges(data=True):
        w = abs(d.get("weight", 1)) / top
        h.add_edge(u, v, pull=w if _edge_sign(d) >= 0 else 0.05 * w)
    k = 3.0 / math.sqrt(len(h))  # generous spacing: 50 labels must stay legible
    return nx.spring_layout(h, weight="pull", k=k, iterations=500, seed=seed)


def draw(g: nx.Graph, path: str | Path, *, max_nodes: int = 50, title: str | None = None, seed: int = 1) -> Path:
    """Draw `g` to `path` (format from the suffix: .png, .svg, .pdf); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    h = top_nodes(g, max_nodes)
    if h is g:
        h = g.copy()
    if h.number_of_edges():  # actors left unconnected by the cut would only push the others together
        h.remove_nodes_from(list(nx.isolates(h)))
    two_mode = any(d.get("bipartite") is not None for _, d in h.nodes(data=True))
    if any("coalition" not in d for _, d in h.nodes(data=True)):
        if two_mode:
            found = coalitions(_congruence_projection(h)).membership()
            nx.set_node_attributes(h, {n: found.get(n, 0) for n in h}, "coalition")
        else:
            coalitions(h)
    pos = layout(h, seed)
    n = max(len(h), 1)
    side = min(max(8.0, 3.2 * math.sqrt(n)), 18.0)
    fig = Figure(figsize=(side, side * 0.8), dpi=(150 if n <= 25 else 110) if path.suffix.lower() == ".png" else 100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_axis_off()

    top = max((abs(d.get("weight", 1)) for *_, d in h.edges(data=True)), default=1) or 1
    dense = h.number_of_edges() > 150  # thinner, fainter edges so that labels stay readable
    segments, colours, widths = [], [], []
    for u, v, d in sorted(h.edges(data=True), key=lambda e: abs(e[2].get("weight", 1))):
        segments.append([pos[u], pos[v]])
        colours.append({1: POSITIVE, -1: NEGATIVE, 0: NEUTRAL}[_edge_sign(d)])
        share = abs(d.get("weight", 1)) / top
        widths.append(0.3 + 2.0 * share if dense else 0.6 + 4.0 * share)
    if segments:
        ax.add_collection(LineCollection(segments, colors=colours, linewidths=widths, alpha=0.25 if dense else 0.55,
                                         zorder=1))

    strength = {x: sum(abs(d.get("weight", 1)) for d in h[x].values()) for x in h}
    most = max(strength.values(), default=1) or 1
    size = {x: 120 + 900 * strength[x] / most for x in h}
    coloured = [d for _, d in h.nodes(data=True) if not (two_mode and d.get("mode") == "position")]
    camps = sorted({d.get("coalition", 0) for d in coloured} - {0})
    colour_of = {c: PALETTE[(c - 1) % len(PALETTE)] for c in camps}
    for shape, selected in (("o", [x for x, d in h.nodes(data=True) if d.get("mode") != "position"]),
                            ("s", [x for x, d in h.nodes(data=True) if d.get("mode") == "position"])):
        if not selected:
            continue
        xs, ys = zip(*(pos[x] for x in selected))
        fill = [POSITION if two_mode and shape == "s" else colour_of.get(h.nodes[x].get("coalition", 0), NO_CAMP)
                for x in selected]
        sizes = [size[x] for x in selected]
        ax.scatter(xs, ys, s=sizes, c=fill, marker=shape, edgecolors="#333333", linewidths=0.8, zorder=2)
    font = 9 if n <= 25 else 7.5
    for x, d in h.nodes(data=True):
        px, py = pos[x]
        lift = math.sqrt(size[x] / math.pi) + 2  # the marker's radius in points, and a little
        ax.annotate(_wrap(d.get("label", x)), (px, py), xytext=(0, lift), textcoords="offset points",
                    ha="center", va="bottom", fontsize=font, zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
    if pos:
        xs, ys = zip(*pos.values())
        pad = 0.15
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad * 1.6)

    legend = [Line2D([], [], color=POSITIVE, lw=3, label="agreement / support"),
              Line2D([], [], color=NEGATIVE, lw=3, label="conflict / opposition")]
    legend += [Line2D([], [], marker="o", ls="", markersize=9, markerfacecolor=colour_of[c], markeredgecolor="#333333",
                      label=f"coalition {c}") for c in camps[:10]]
    if two_mode:
        legend.append(Line2D([], [], marker="s", ls="", markersize=9, markerfacecolor=POSITION,
                             markeredgecolor="#333333", label="position"))
    ax.legend(handles=legend, loc="lower left", fontsize=8, frameon=False)
    ax.set_title(title or _title(h), fontsize=11)
    fig.tight_layout()
    fig.savefig(path)
    return path


def _title(g: nx.Graph) -> str:
    parts = [f"{g.graph.get('network', 'network')} network"]
    if g.graph.get("normalize") not in (None, "", "none"):
        parts.append(f"({g.graph['normalize']})")
    if g.graph.get("since") or g.graph.get("until"):
        parts.append(f"{g.graph.get('since') or '…'} – {g.graph.get('until') or '…'}")
    if g.graph.get("q"):
        parts.append(f"positions: {g.graph['q']!r}")
    if g.graph.get("drawn"):
        parts.append(f"[{g.graph['drawn']}]")
    return "  ".join(parts)
