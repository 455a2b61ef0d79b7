"""The queue's host on the office LAN: a small HTTP server over this desk's own store.

Started by the desk program when its desk hosts the queue (:func:`serve`): a
``ThreadingHTTPServer`` in a daemon thread, bound to every address of the PC (the LAN) on the
port of the setting (8766 unless the admin chose another). It runs the queue's services and
nothing else: POST ``/queue/v1/<route>`` (:data:`desk_app.queue_lan.wire.ROUTES`), JSON in and
out. Every other path or method is a 404; a body larger than
:data:`~desk_app.queue_lan.wire.MAX_BODY` or not a JSON object is a 400 (``queue_bad_request``),
never a 500 nor a traceback.

* Authentication: the office queue key as ``Authorization: Bearer <key>``, compared in
  constant time with this desk's (read from the store at each request: a new key acts at once);
  a wrong or missing key is a 401 and nothing is written. A desk that no longer hosts refuses
  every call the same way.
* Who calls: the body names the calling desk's counter (1-9) and its clerk's username; the
  clerk's right to queue was checked at their own desk (their account is not in this store).
  A counter's call is recorded as :class:`~desk_app.services.queue_host.RemoteCaller` in the
  ticket's event ("binh, quầy 2") and in this desk's audit log (``queue.remote``), in the same
  ``BEGIN IMMEDIATE`` transaction as the call.
* Limits, and no more: a body of 4 KiB, 10 s for a silent client, :data:`MAX_CLIENTS`
  connections at once.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlalchemy.orm import Session

from desk_app.clock import Clock
from desk_app.errors import FieldError, KnownError, ValidationError
from desk_app.queue_lan import wire
from desk_app.services import audit, queue
from desk_app.services.counter import check_counter
from desk_app.services.queue_host import RemoteCaller, key_matches, link
from desk_app.store.engine import Store

log = logging.getLogger(__name__)
MAX_CLIENTS = 16  # connections served at once: a few counters, a kiosk, a hall screen
CLERK_MAX = 50  # characters of a username: "<name>, quầy N" fits the audit log's 60


class _Refused(Exception):
    def __init__(self, status: int, code: str, fields: list[FieldError] | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.fields = status, code, fields


def _clerk(body: dict[str, Any]) -> str:
    name = body.get("clerk")
    if not isinstance(name, str) or not name.strip() or len(name) > CLERK_MAX \
            or not name.isprintable():
        raise _Refused(400, "validation", [FieldError("clerk", "required")])
    return name.strip()


def _counter_call(route: str, body: dict[str, Any], counter: int
                  ) -> Callable[[Session, Clock], queue.Ticket | None]:
    caller = RemoteCaller(counter, _clerk(body))
    calls: dict[str, Callable[..., queue.Ticket | None]] = {
        "call-next": queue.call_next, "recall": queue.recall, "absent": queue.absent,
        "finish": queue.finish, "transfer": queue.transfer}
    args: tuple[Any, ...] = (body.get("to_counter"),) if route == "transfer" else ()

    def run(session: Session, clock: Clock) -> queue.Ticket | None:
        ticket = calls[route](session, clock, caller, counter, *args)
        audit.record(session, None, "queue.remote", clock.now(), username=caller.label,
                     change={"call": route, "counter": counter,
                             "ticket": None if ticket is None else ticket.number,
                             "to_counter": args[0] if args else None})
        return ticket
    return run


class QueueApp:
    """What the server answers, apart from HTTP: one route, one body -> (status, JSON)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock

    def answer(self, route: str, key: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        try:
            return 200, {"result": self._answer(route, key, body)}
        except _Refused as exc:
            return exc.status, wire.error_json(exc.code, fields=exc.fields)
        except ValidationError as exc:
            return 400, wire.error_json("validation", fields=exc.errors)
        except KnownError as exc:
            return 409, wire.error_json(exc.code, exc.params)

    def _answer(self, route: str, key: str, body: dict[str, Any]) -> Any:
        with self.store.read() as session:
            here = link(session)
        if here.mode != "host" or not key_matches(key, here.key):
            raise _Refused(401, "queue_key_refused")
        counter = check_counter(body.get("counter"))  # the calling desk's: 1-9
        clock = self.clock
        if route == "fields":
            with self.store.read() as session:
                return wire.fields_json(queue.fields(session, clock))
        if route == "board":
            with self.store.read() as session:
                return wire.board_json(queue.board(session, clock))
        if route == "current":
            with self.store.read() as session:
                return wire.ticket_json(queue.current(session, counter))
        if route == "issue":
            code, cccd = body.get("field_code"), body.get("cccd_number")
            with self.store.write() as session:
                return wire.ticket_json(queue.issue(
                    session, clock, str(code or ""), cccd if isinstance(cccd, str) else None))
        run = _counter_call(route, body, counter)
        with self.store.write() as session:
            return wire.ticket_json(run(session, clock))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "desk-queue"
    sys_version = ""
    timeout = 10  # seconds a slow or silent client may hold its thread

    def log_message(self, format: str, *args: Any) -> None:
        log.info("queue host: %s %s", self.address_string(), format % args)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Refusals in the log; the counters' reads every 10 s only when debugging."""
        if str(code) == "200":
            log.debug("queue host: %s %s 200", self.address_string(), self.requestline)
        else:
            super().log_request(code, size)

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status != 200:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """The base class's own refusals (a malformed request line ...): JSON, no details."""
        self._send(code if code in (400, 404, 408, 414, 431) else 400,
                   wire.error_json("queue_bad_request"))

    def _nothing(self) -> None:
        self._send(404, wire.error_json("queue_not_found"))

    do_GET = do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _nothing

    def do_POST(self) -> None:
        route = self.path[len(wire.ROOT):] if self.path.startswith(wire.ROOT) else ""
        if route not in wire.ROUTES:
            return self._nothing()
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            length = -1
        if not 0 <= length <= wire.MAX_BODY or self.headers.get("Transfer-Encoding"):
            return self._send(400, wire.error_json("queue_bad_request"))
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            return self._send(400, wire.error_json("queue_bad_request"))
        scheme, _, key = self.headers.get("Authorization", "").partition(" ")
        try:
            status, answer = self.server.app.answer(
                route, key.strip() if scheme.lower() == "bearer" else "", body)
        except Exception:  # a bug: logged here, never a traceback to the caller
            log.exception("queue host: %s failed", route)
            status, answer = 500, wire.error_json("queue_host_fault")
        self._send(status, answer)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Windows' SO_REUSEADDR would let a second program take the same port: exclusive there
    allow_reuse_address = os.name != "nt"

    def __init__(self, address: tuple[str, int], app: QueueApp) -> None:
        self.app = app
        self.slots = threading.BoundedSemaphore(MAX_CLIENTS)
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """At most :data:`MAX_CLIENTS` connections at once (a thread each): more are closed
        at once (a counter's call then says the host did not answer; the next one goes)."""
        if not self.slots.acquire(blocking=False):
            log.warning("queue host: too many connections, %s dropped", client_address)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def server_bind(self) -> None:
        exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
        if exclusive is not None:
            self.socket.setsockopt(socket.SOL_SOCKET, exclusive, 1)
        super().server_bind()


class QueueServer:
    """The running server; :meth:`stop` ends it (the program's end, or the admin's change)."""

    def __init__(self, store: Store, clock: Clock, port: int, bind: str = "0.0.0.0") -> None:
        self.httpd = _Server((bind, port), QueueApp(store, clock))
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="queue-host",
                                       daemon=True)

    def start(self) -> QueueServer:
        self.thread.start()
        log.info("queue host listening on port %s", self.port)
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


_running: dict[str, QueueServer] = {}
_lock = threading.Lock()


def serve(store: Store, clock: Clock) -> QueueServer | None:
    """Start (or keep, or stop) this program's server as the store's setting says: running on
    the chosen port when this desk hosts, stopped otherwise. A port taken by another program
    is a KnownError ``queue_port_taken``."""
    with store.read() as session:
        here = link(session)
    with _lock:
        running = _running.get(str(store.path))
        if running is not None and (here.mode != "host" or not here.key
                                    or running.port != here.port):
            running.stop()
            del _running[str(store.path)]
            running = None
        if here.mode != "host" or not here.key:
            return None
        if running is None:
            try:
                running = QueueServer(store, clock, here.port).start()
            except OSError as exc:
                raise KnownError("queue_port_taken", str(exc), port=here.port) from exc
            _running[str(store.path)] = running
        return running


def stop_all() -> None:
    with _lock:
        for server in _running.values():
            server.stop()
        _running.clear()


def serve_quietly(store: Store, clock: Clock) -> QueueServer | None:
    """:func:`serve` at the program's start: a fault is logged, the desk works on without
    serving (the admin sees it in Hàng đợi → "Nối hàng đợi giữa các quầy…")."""
    try:
        return serve(store, clock)
    except KnownError as exc:
        log.warning("the queue is not served: %s", exc)
    except Exception:  # an optional part must never keep the desk from starting
        log.exception("the queue is not served")
    return None


def running(store: Store) -> QueueServer | None:
    with _lock:
        return _running.get(str(store.path))


def lan_addresses() -> list[str]:
    """This PC's IPv4 addresses on the office's network (what the counters type), best
    effort: the name's addresses and the one a route out would use (no packet is sent)."""
    found: set[str] = set()
    try:
        found |= {str(i[4][0]) for i in socket.getaddrinfo(socket.gethostname(), None,
                                                           socket.AF_INET)}
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            found.add(str(probe.getsockname()[0]))
    except OSError:
        pass
    return sorted(a for a in found if not a.startswith("127."))
