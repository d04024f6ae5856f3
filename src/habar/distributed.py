"""The same ingest on a Dask cluster: ``habar ingest --dask local[:N]`` or ``--dask tcp://scheduler:8786``.

Nothing here reads, analyses or stores: :func:`habar.ingest.ingest_parts` cuts the inputs into partitions and
hands them to :func:`runner`, which puts them in a Dask bag (one partition of the bag per partition of the
input) and runs :func:`habar.ingest.ingest_part` on each, on the workers. Each worker loads the pipeline once,
when it joins (:class:`PipelineLoader`), and keeps it for every partition it is given. A partition writes its
own Parquet files and is complete when its marker is written (:mod:`habar.archive.parquet`): a worker that
dies takes with it only the partition it was working on; Dask gives that partition to another worker, and
when it cannot (the scheduler gave up on it, or the whole run stopped), the same command again writes only
what is missing.

Workers must see the inputs and the output folder at the same paths as the machine that runs ``habar ingest``
(a shared file system on a cluster; see docs/scale.md).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from distributed import WorkerPlugin

from habar.archive.parquet import PartCounts
from habar.errors import ClusterError, PartitionsLost, UsageError
from habar.ingest import Runner, Task
from habar.read.parts import Part

LOCAL = re.compile(r"local(?::(?P<n>\d+))?")
ADDRESS = re.compile(r"(tcp|tls|ucx|inproc|ws|wss)://\S+")


def parse_cluster(spec: str) -> tuple[str | None, int]:
    """``'local'`` / ``'local:N'`` -> (None, N); a scheduler address -> (address, 0). Anything else is a
    :class:`UsageError` naming the valid forms."""
    spec = spec.strip()
    local = LOCAL.fullmatch(spec)
    if local:
        n = int(local["n"]) if local["n"] else (os.cpu_count() or 1)
        if n < 1:
            raise UsageError("--dask local:N needs at least one worker (N >= 1)")
        return None, n
    if ADDRESS.fullmatch(spec):
        return spec, 0
    raise UsageError(f"--dask must be local, local:N (N worker processes on this machine) or a scheduler "
                     f"address such as tcp://scheduler:8786, not {spec!r}")


WARM_UP = ("Бакуге сапар\n\nБАКУ. Қазақстан Президенті Қасым-Жомарт Тоқаев бүгін Әзербайжан президенті Ильхам "
           "Әлиевпен келіссөздер жүргізді, деп хабарлайды ҚазАқпарат.")


class PipelineLoader(WorkerPlugin):
    """A Dask worker plugin: loads the pipeline (with the entity tagger in mode ``ner``) once, as the worker
    starts (and on every worker that joins later), so that no partition pays for it."""

    name = "habar-pipeline"

    def __init__(self, ner: str = "fast") -> None:
        self.ner = ner

    def setup(self, worker: Any) -> None:
        from habar.pipeline import analyze

        # one short article through every stage: the pipeline and the models its stages open on first use
        # (language identification, the tagger) are loaded now, before any partition
        analyze(WARM_UP, published="2022-08-24", ner=self.ner)


def _run_part(part: Part, task: Task) -> PartCounts:
    return task(part)


def prepare(client: Any, ner: str = "fast") -> Any:
    """Register :class:`PipelineLoader` (the entity tagger in mode ``ner``) on ``client``'s cluster: every
    worker, and every worker that joins later, loads the pipeline once. For a client made some other way
    (dask-jobqueue, dask-kubernetes); :func:`connect` does it itself."""
    client.register_plugin(PipelineLoader(ner))
    return client


@contextmanager
def connect(spec: str, ner: str = "fast") -> Iterator[Any]:
    """A ``distributed.Client`` on a new local cluster or an existing scheduler, with :class:`PipelineLoader`
    registered (the entity tagger in mode ``ner``: give the ingest the same); closed (and the local cluster
    stopped) on leaving."""
    from distributed import Client, LocalCluster

    address, n = parse_cluster(spec)
    cluster = None
    try:
        if address is None:
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = f"the Dask scheduler at {address}" if address else f"a local Dask cluster of {n} workers"
        raise ClusterError(f"cannot reach {where} ({exc})") from None
    try:
        yield prepare(client, ner)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def runner(client: Any) -> Runner:
    """A :data:`habar.ingest.Runner` that runs the partitions as a Dask bag on ``client``'s cluster."""
    from dask import bag
    from distributed import as_completed

    def run(parts: list[Part], task: Task) -> Iterable[PartCounts]:
        parts_bag = bag.from_sequence(parts, partition_size=1).map(_run_part, task)
        futures = client.compute(parts_bag.to_delayed())
        number = {future.key: part.number for future, part in zip(futures, parts, strict=True)}
        lost: list[tuple[int, str]] = []
        for future in as_completed(futures):
            if future.status == "finished":
                yield from future.result()
                continue
            exc = future.exception()
            lost.append((number[future.key], f"{type(exc).__name__}: {exc}"))
        if lost:
            lost.sort()
            raise PartitionsLost([n for n, _ in lost], lost[0][1][:300])

    return run
