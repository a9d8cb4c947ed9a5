"""`stancegraph ingest --cluster`: extraction on a local two-worker Dask cluster, writing through
the same pipeline, gives the graph a single-process run gives."""

from __future__ import annotations

import pytest

from ingest import DEFAULT_MODEL
from ingest.pipeline import Pipeline
from tests.conftest import REPO, SHARED, TEST_PASSWORD
from tests.ingest.test_pipeline import cli

pytest.importorskip("distributed")
REUTERS = SHARED / "corpus" / "reuters-21578.jsonl"
pytestmark = pytest.mark.skipif(not REUTERS.exists(), reason="../shared is not beside the checkout")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """40 Reuters stories (two chunks: one for each worker) and the samples."""
    path = tmp_path_factory.mktemp("corpus") / "reuters.jsonl"
    with REUTERS.open(encoding="utf-8") as stories:
        path.write_text("".join(next(stories) for _ in range(40)), encoding="utf-8")
    return [str(path), str(REPO / "samples")]


def test_a_local_cluster_gives_the_graph_of_a_single_process_run(store, corpus):
    from ingest.cluster import Cluster

    single, _ = store.ingest(*corpus)
    expected = store.snapshot()
    with Cluster("local", DEFAULT_MODEL, workers=2) as cluster:
        assert cluster.workers == 2
        store.reset().pipeline = Pipeline(DEFAULT_MODEL, cluster=cluster)
        summary, errors = store.ingest(*corpus)
    assert not errors
    assert (summary.articles, summary.statements, summary.roles) == (single.articles, single.statements, single.roles)
    assert summary.articles == 44
    assert store.snapshot() == expected


def test_a_cluster_that_is_not_one_is_one_clear_line(store, neo4j_settings):
    done = cli({"NEO4J_URI": neo4j_settings.bolt_uri, "NEO4J_PASSWORD": TEST_PASSWORD},
               "ingest", "--quiet", "--cluster", "ray://127.0.0.1:10001", str(REPO / "samples"))
    assert done.returncode == 1
    assert "give a Dask scheduler (tcp://HOST:8786) or 'local'" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
