"""A coroutine run to its end in a thread of its own, for tests that talk to a server over websockets: in a full run,
Playwright's sync API (the browser tests) keeps an event loop running in the main thread, where asyncio.run refuses
to start another."""

from __future__ import annotations

import asyncio
import concurrent.futures


def in_own_thread(coroutine):
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
