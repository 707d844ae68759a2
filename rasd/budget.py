"""A per-document time budget: one pathological report must not hold a batch for minutes.

``time_budget(seconds, source)`` arms a real-time timer (``SIGALRM``); when it fires, ``TimeBudgetError``
(a typed ``RasdError`` naming the input) is raised in the code that was running, so the batch records a
failure for that document and goes on. Signals reach only the main thread: elsewhere (API worker threads)
the budget is a no-op and the request-size limits bound the work instead.

Example::

    with time_budget(60, "reports/huge.txt"):
        process_document(doc, res)
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from rasd.errors import TimeBudgetError


@contextlib.contextmanager
def time_budget(seconds: float, source: str) -> Iterator[None]:
    """Raise ``TimeBudgetError`` in the enclosed block after ``seconds`` (0 or less: no budget)."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override an enclosing budget
    )
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        raise TimeBudgetError(f"processing took over {seconds:g} s (document_time_budget_s)", source=source)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
