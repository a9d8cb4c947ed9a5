"""The ingest progress line: count, rate and elapsed time over rich's Progress."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)


class IngestProgress:
    """A rich progress line that stays silent with `quiet`; `advance` is the pipeline's
    `on_progress` callback."""

    def __init__(self, quiet: bool):
        self.progress = None if quiet else Progress(
            TextColumn("[bold]ingest"), BarColumn(bar_width=None), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(), transient=False,
        )
        self.task = None

    def __enter__(self) -> IngestProgress:
        if self.progress:
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=None, rate=0.0)
        return self

    def advance(self, summary) -> None:
        if self.progress:
            self.progress.update(self.task, completed=summary.articles,
                                 rate=summary.articles / summary.seconds if summary.seconds else 0.0)

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()
