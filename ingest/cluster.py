"""Extraction on a Dask cluster: `stancegraph ingest … --cluster tcp://SCHEDULER:8786`, or
`--cluster local` for a cluster of `--workers` processes on this machine.

Each worker holds one loaded pipeline (a worker plugin loads it when the worker joins) and turns
chunks of articles into plain records (`ingest.extract.chunk_records`: the Extraction as a dict,
no Docs). This process keeps reading, claiming, resolving and writing, in input order, through the
same `Pipeline` code as a single-process run: the graph is the same whichever worker extracted
what. Workers need stancegraph and the model installed, at the versions this process runs.
Needs the `cluster` extra (`pip install 'stancegraph[cluster]'`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from ingest.extract import chunk_records, in_order
from ingest.records import Article, Extraction
from ingest.sources import InputError

PLUGIN = "stancegraph-pipeline"


class ClusterUnavailable(RuntimeError):
    """The scheduler cannot be reached, or the address is not one; one line a person can act on."""


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once per worker, when the worker joins."""

    name = PLUGIN

    def __init__(self, model: str):
        self.model = model
        self.nlp = None

    def setup(self, worker) -> None:
        from ingest.nlp import load_pipeline

        self.nlp = load_pipeline(self.model)


def _records(articles: list[Article]) -> list[dict | InputError]:
    """The task a worker runs: one chunk of articles, with the pipeline its plugin holds."""
    return chunk_records(get_worker().plugins[PLUGIN].nlp, articles)


class Cluster:
    """A client of a Dask cluster whose workers extract. `address`: a scheduler (`tcp://host:8786`)
    or `local`, which starts `workers` worker processes here (one thread each: a spaCy pipeline
    is not shared between threads) and stops them on `close`."""

    def __init__(self, address: str, model: str, *, workers: int = 2, timeout: float = 30.0):
        self._local = self.client = None
        try:
            if address == "local":
                self._local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       host="127.0.0.1", dashboard_address=None,
                                                       silence_logs=logging.ERROR)
                self.client = Client(self._local, timeout=timeout)
            elif address.startswith(("tcp://", "tls://")):
                self.client = Client(address, timeout=timeout)
            else:
                raise ClusterUnavailable(f"--cluster {address!r}: give a Dask scheduler (tcp://HOST:8786) or 'local'")
            self.client.register_plugin(PipelinePlugin(model))
        except OSError as exc:  # a scheduler that does not answer in time
            self.close()
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from exc

    @property
    def workers(self) -> int:
        return len(self.client.scheduler_info()["workers"])

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction | InputError]:
        """The extractions of `articles`, in input order; two chunks per worker in flight."""
        # pure=False: every chunk is a task of its own, even when two chunks look alike.
        yield from in_order(lambda chunk: self.client.submit(_records, chunk, pure=False), articles,
                            window=2 * max(1, self.workers))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
