"""How the hub is served: uvicorn, with ``TCP_NODELAY`` on every connection it accepts.

With ``--workers`` above 1, uvicorn binds the listening socket itself as
``socket.socket(AF_INET, SOCK_STREAM)``: its ``proto`` is 0, and asyncio sets ``TCP_NODELAY``
only on accepted sockets whose ``proto`` is ``IPPROTO_TCP``. Without it, an answer written in
two pieces (headers, then body) on a kept-alive connection waits for the desk's delayed ACK:
measured on loopback, **every request after a connection's first took ~44 ms instead of
~3 ms** (2 workers, ``/healthz``), and a 4 MB scan sent in 16 chunks took 0.9 s instead of
0.1 s (bench/figures/uploads.py). :class:`NoDelayH11` sets the option when a connection is
made, whatever socket uvicorn was given; ``python -m province_hub serve`` uses it. Running the
bare ``uvicorn`` command with several workers loses it (its ``--http`` takes no class).
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

PROTOCOL = "province_hub.serve:NoDelayH11"  # as uvicorn's ``http=`` takes it


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)


def run(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run("province_hub.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning", http=PROTOCOL)
