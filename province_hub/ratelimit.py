"""A limit on how often one client may ask: a token bucket per client address, in memory.

Each address holds up to ``burst`` tokens, one per request, refilled at ``per_minute`` a
minute; a request finding the bucket empty is refused with the seconds until the next token.
IPv6 clients are counted by their /64 network (one subscriber's prefix: a phone changes the
rest at will); IPv4 by their address. Mobile carriers put many phones behind one IPv4 address
(CGNAT), so the default is generous: a person looks a dossier up a few times, an enumerator
thousands. The key in the link already makes guessing hopeless; the limit keeps one client
from loading the database.

The buckets live in the worker process: with ``--workers N`` a client gets at most N times
the limit (still bounded). The address is the one uvicorn reports: behind a reverse proxy run
uvicorn with ``--proxy-headers --forwarded-allow-ips=<the proxy>`` so that it is the
citizen's. At most ``max_clients`` buckets are kept (the least recently seen go first: an
evicted client starts again with a full bucket, as after a pause).
"""

from __future__ import annotations

import ipaddress
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


def client_key(host: str | None) -> str:
    """What requests are counted by: the IPv4 address, the IPv6 /64, else the text."""
    if not host:
        return ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host[:100]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


@dataclass
class _Bucket:
    tokens: float
    at: float  # seconds (the limiter's clock) when ``tokens`` was counted


class RateLimit:
    """``take(host)``: 0 when the request may go on, else the seconds to wait (>= 1)."""

    def __init__(self, seconds: Callable[[], float], *, burst: int = 30,
                 per_minute: float = 30.0, max_clients: int = 50_000) -> None:
        self.seconds, self.burst, self.rate = seconds, burst, per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()  # sync routes run on a thread pool

    def take(self, host: str | None) -> int:
        key, now = client_key(host), self.seconds()
        with self._lock:
            bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
            bucket.tokens = min(float(self.burst),
                                bucket.tokens + max(0.0, now - bucket.at) * self.rate)
            bucket.at = now
            self._buckets[key] = bucket  # the most recently seen last
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return max(1, math.ceil((1.0 - bucket.tokens) / self.rate))
