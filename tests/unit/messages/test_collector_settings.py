"""An import collects garbage less often while it runs; the collector's settings belong to
the whole process (a web server running imports as jobs in its threads), so they are put
back only when the last import running ends, whichever ends first."""

from __future__ import annotations

import gc
import threading

from lanyard.messages.service import GC_THRESHOLDS, _collecting_less


def test_overlapping_imports_in_two_threads_put_the_process_settings_back() -> None:
    before = gc.get_threshold()
    first_in = threading.Event()
    second_in = threading.Event()
    first_out = threading.Event()
    seen: dict[str, tuple[int, ...]] = {}

    def first() -> None:
        with _collecting_less():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with _collecting_less():
            second_in.set()
            first_out.wait(5)
            # the first import has ended; this one still runs with fewer collections
            seen["while the second runs"] = gc.get_threshold()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert first_out.is_set() and second_in.is_set()
    assert seen["while the second runs"] == GC_THRESHOLDS
    assert gc.get_threshold() == before
    assert before != GC_THRESHOLDS
