"""A fault-injecting HTTP proxy on loopback, for the sync end-to-end tests.

One request per client connection (the upstream request is sent with ``Connection: close``).
Faults are queued per path prefix and consumed in order; a request with no queued fault passes:

* ``cut_request``  - forward the head and half the body, then close both sides (server never
  sees a whole request: nothing committed);
* ``drop_answer``  - forward the whole request, read the server's whole answer (it committed),
  then close the client's connection without a byte;
* ``status:<n>``   - answer HTTP <n> (500, 503) without forwarding;
* ``stall:<s>``    - forward, get the answer, hold it <s> seconds (the client times out), then
  try to deliver it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class Seen:
    path: str
    fault: str
    request_bytes: int
    answer_bytes: int = 0


@dataclass
class FaultProxy:
    upstream_port: int
    faults: dict[str, deque[str]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, path_prefix: str, *faults: str) -> None:
        with self._lock:
            self.faults.setdefault(path_prefix, deque()).extend(faults)

    def pending_faults(self) -> int:
        with self._lock:
            return sum(len(q) for q in self.faults.values())

    def count(self, path_part: str, fault: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.seen if path_part in s.path
                       and (fault is None or s.fault == fault))

    def close(self) -> None:
        self._closed = True
        self._sock.close()

    def _take(self, path: str) -> str:
        with self._lock:
            for prefix, queue in self.faults.items():
                if path.startswith(prefix) and queue:
                    return queue.popleft()
        return "pass"

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            head, body = _read_request(conn)
        except OSError:
            conn.close()
            return
        if head is None:
            conn.close()
            return
        first = head.split(b"\r\n", 1)[0].decode("latin-1")
        path = first.split(" ")[1] if " " in first else "/"
        fault = self._take(path)
        rec = Seen(path, fault, len(head) + len(body))
        with self._lock:
            self.seen.append(rec)
        try:
            if fault.startswith("status:"):
                code = int(fault.split(":")[1])
                msg = b'{"error":"injected"}'
                conn.sendall(f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\n"
                             f"Content-Length: {len(msg)}\r\nConnection: close\r\n\r\n"
                             .encode() + msg)
                return
            up = socket.create_connection(("127.0.0.1", self.upstream_port))
            try:
                if fault == "cut_request":
                    up.sendall(_close_head(head) + body[: len(body) // 2])
                    time.sleep(0.05)
                    return
                up.sendall(_close_head(head) + body)
                answer = _read_all(up)
            finally:
                up.close()
            rec.answer_bytes = len(answer)
            if fault == "drop_answer":
                return
            if fault.startswith("stall:"):
                time.sleep(float(fault.split(":")[1]))
            conn.sendall(answer)
        except OSError:
            pass
        finally:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()


def _read_request(conn: socket.socket) -> tuple[bytes | None, bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n", body


def _close_head(head: bytes) -> bytes:
    lines = [ln for ln in head.rstrip(b"\r\n").split(b"\r\n")
             if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n"


def _read_all(sock: socket.socket) -> bytes:
    out = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return out
        out += chunk
