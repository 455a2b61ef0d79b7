"""The hub's connections carry TCP_NODELAY whatever socket uvicorn accepted them on
(:mod:`province_hub.serve`): with several workers uvicorn binds a socket whose ``proto`` is 0,
and asyncio then leaves Nagle's algorithm on, so every answer after a connection's first
waited for the client's delayed ACK (~40 ms a request)."""

from __future__ import annotations

import asyncio
import socket

from province_hub.serve import PROTOCOL, NoDelayH11, set_nodelay


def _accepted_nodelay(fix: bool) -> int:
    """TCP_NODELAY on the server side of a connection accepted on a socket bound as uvicorn
    binds it for its workers."""
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            if fix:
                set_nodelay(transport)
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def run() -> None:
        listener = socket.socket(family=socket.AF_INET, type=socket.SOCK_STREAM)  # proto 0
        listener.bind(("127.0.0.1", 0))
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(run())
    return seen[0]


def test_connections_on_a_workers_socket_get_nodelay() -> None:
    assert _accepted_nodelay(fix=False) == 0  # the trap: asyncio leaves Nagle on here
    assert _accepted_nodelay(fix=True) != 0


def test_the_serve_command_uses_the_nodelay_protocol() -> None:
    from uvicorn.config import Config

    config = Config("province_hub.app:create_app", factory=True, http=PROTOCOL)
    config.load()
    assert config.http_protocol_class is NoDelayH11
