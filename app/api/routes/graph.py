"""The neighborhood of an actor or position, as elements a front-end graph library takes as is."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from neo4j import ManagedTransaction

from app.api.deps import GraphDep, unknown
from app.api.schemas import ErrorResponse, Neighborhood
from graph_schema.reader import row, rows

router = APIRouter(prefix="/graph", tags=["graph"])

EDGE_LABELS = {"SUPPORTS": "supports", "OPPOSES": "opposes", "UNDECIDED_ON": "undecided on"}


@router.get("/neighborhood/{node_id:path}", response_model=Neighborhood,
            responses={404: {"model": ErrorResponse, "description": "No actor or position has this id"}})
def neighborhood(
    node_id: str,
    graph: GraphDep,
    depth: Annotated[int, Query(ge=1, le=3, description="Hops from the node.")] = 1,
    limit: Annotated[int, Query(ge=1, le=500, description="Nodes at most.")] = 100,
):
    """Actors and positions within `depth` hops of the actor or position `node_id`, over the
    derived stance edges (SUPPORTS, OPPOSES, UNDECIDED_ON) and roles (HOLDS_ROLE). The heaviest
    edges are kept first when `limit` cuts the neighborhood (`truncated`).

    The body is Cytoscape.js elements: `{"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}`
    (`cy.add(body)`); each `data` has `id`, `label`, and for edges `source` and `target`."""

    def work(tx: ManagedTransaction) -> dict | None:
        center = row(tx, "api_neighborhood_start", id=node_id)
        if center is None:
            return None
        nodes = {center["element_id"]: {**center, "depth": 0}}
        edges: dict[str, dict] = {}
        frontier, truncated = [center["element_id"]], False
        for hop in range(1, depth + 1):
            budget = 4 * limit
            found = rows(tx, "api_neighborhood_hop", frontier=frontier, limit=budget)
            truncated = truncated or len(found) == budget
            next_frontier = []
            for edge in found:
                node = edge["node"]
                if node["element_id"] not in nodes:
                    if len(nodes) >= limit:
                        truncated = True
                        continue
                    nodes[node["element_id"]] = {**node, "depth": hop}
                    next_frontier.append(node["element_id"])
                edges.setdefault(edge["element_id"], edge)
            frontier = next_frontier
            if not frontier:
                break
        return {"center": center, "nodes": nodes, "edges": edges, "truncated": truncated}

    result = graph.read_tx(work)
    if result is None:
        raise unknown("actor or position", node_id)
    nodes = [{"data": {"id": n["id"], "label": n["label"], "type": n["type"], "kind": n["kind"], "depth": n["depth"]}}
             for n in result["nodes"].values()]
    edges = [{"data": {"id": key, "source": e["source"], "target": e["target"], "type": e["type"],
                       "label": e["title"] if e["type"] == "HOLDS_ROLE" else EDGE_LABELS.get(e["type"], e["type"]),
                       "statements": e["statements"], "title": e["title"],
                       "first_seen": e["first_seen"], "last_seen": e["last_seen"]}}
             for key, e in result["edges"].items()]
    return {"center": result["center"]["id"], "depth": depth, "truncated": result["truncated"],
            "nodes": nodes, "edges": edges}
