"""A small in-process job table: long work (fetching, the pipeline) runs on one worker thread.

One worker, because the pipeline is CPU-bound and not known to be thread-safe; the event loop never
waits on it. Pages poll a job by id (``<meta http-equiv=refresh>``, or ``static/desk.js``); the table
keeps the newest ``keep`` jobs and forgets older finished ones.
"""

from __future__ import annotations

import secrets
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["queued", "running", "done", "failed"]


@dataclass
class Job:
    id: str
    kind: str
    title: str
    status: Status = "queued"
    message: str = "waiting for the worker"
    created: float = field(default_factory=time.time)
    finished: float | None = None
    result: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.status in ("queued", "running")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "created": self.created,
            "finished": self.finished,
            "result": self.result,
        }


Work = Callable[[Callable[[str], None]], dict[str, Any]]
"""A job's body: called with a ``progress(message)`` callback, returns the job's JSON result."""


class Jobs:
    """Jobs by id, run one at a time on a worker thread."""

    def __init__(self, keep: int = 200) -> None:
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-job")
        self._keep = keep

    def submit(self, kind: str, title: str, work: Work, key: str | None = None) -> Job:
        """Queue ``work``; with ``key``, an active job of the same key is returned instead of a new one."""
        with self._lock:
            if key is not None and (same := self._jobs.get(key)) is not None and same.active:
                return same
            job = Job(key or secrets.token_urlsafe(9), kind, title)
            self._jobs[job.id] = job
            self._jobs.move_to_end(job.id)
            self._forget_old()
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, work: Work) -> None:
        job.status, job.message = "running", "started"
        try:
            job.result = work(lambda message: setattr(job, "message", message))
            job.status, job.message = "done", "finished"
        except Exception as error:  # a job reports its failure; it must never kill the worker
            job.status, job.message = "failed", f"{type(error).__name__}: {error}"
            traceback.print_exc()
        job.finished = time.time()

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if not j.active]
        for key in finished[: max(0, len(self._jobs) - self._keep)]:
            del self._jobs[key]
