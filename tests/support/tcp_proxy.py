"""A small threaded TCP proxy on 127.0.0.1 for network-fault tests: forwards to one upstream address and
can cut every connection on demand (now, or once N more client bytes have passed) and refuse new ones
until restored."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterator

from sqlalchemy.engine import make_url

LOCALHOST = "127.0.0.1"
_CHUNK = 65536
_ACCEPT_POLL_S = 0.1
_UPSTREAM_CONNECT_TIMEOUT_S = 5.0


class _Link:
    """One proxied connection: the client's socket and ours to the upstream."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self._closed = threading.Event()

    def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        _reset(self.client)
        _reset(self.upstream)


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)  # wakes a pump blocked in recv()
    with contextlib.suppress(OSError):
        # Linger 0: close with a reset, like a dropped line, not a polite goodbye.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class TcpProxy:
    """``with TcpProxy(host, port) as proxy:`` then connect to ``proxy.port`` (or ``proxy.url_for(url)``)."""

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        if upstream_host not in (LOCALHOST, "localhost"):
            raise ValueError("the test proxy forwards to this machine only")
        self.upstream = (LOCALHOST, upstream_port)
        self._listener = socket.create_server((LOCALHOST, 0))
        self._listener.settimeout(_ACCEPT_POLL_S)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._links: set[_Link] = set()
        self._threads: list[threading.Thread] = []
        self._stopped = threading.Event()
        self._refusing = False
        self._budget: int | None = None  # client bytes still let through before an armed cut
        self._refuse_after = True
        self.bytes_up = 0  # client -> upstream
        self.bytes_down = 0
        self.accepted = 0
        self.cuts = 0

    @classmethod
    def for_url(cls, url: str) -> TcpProxy:
        parsed = make_url(url)
        return cls(parsed.host or LOCALHOST, parsed.port or 5432)

    def url_for(self, url: str) -> str:
        """The same database URL, through this proxy."""
        return make_url(url).set(host=LOCALHOST, port=self.port).render_as_string(hide_password=False)

    # --- faults -------------------------------------------------------------------------------

    def cut(self, refuse: bool = True) -> None:
        """Drop every open connection now; with ``refuse`` also close new ones at once until restore()."""
        with self._lock:
            self._cut_locked(refuse)

    def _cut_locked(self, refuse: bool) -> None:
        self._refusing = refuse
        self._budget = None
        self.cuts += 1
        links, self._links = self._links, set()
        for link in links:
            link.close()

    def cut_after(self, client_bytes: int, refuse: bool = True) -> None:
        """Arm a cut: forward ``client_bytes`` more bytes from clients (the last chunk partly), then cut."""
        with self._lock:
            self._budget = client_bytes
            self._refuse_after = refuse

    def restore(self) -> None:
        """Accept and forward new connections again (cut ones stay cut)."""
        with self._lock:
            self._refusing = False
            self._budget = None

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._links)

    # --- plumbing -----------------------------------------------------------------------------

    def __enter__(self) -> TcpProxy:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> None:
        self._spawn(self._accept_loop)

    def close(self) -> None:
        self._stopped.set()
        self.cut(refuse=True)
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _spawn(self, target, *args) -> None:  # type: ignore[no-untyped-def]
        thread = threading.Thread(target=target, args=args, daemon=True, name="tcp-proxy")
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                refusing = self._refusing
            if refusing:
                _reset(client)
                continue
            try:
                upstream = socket.create_connection(self.upstream, timeout=_UPSTREAM_CONNECT_TIMEOUT_S)
            except OSError:
                _reset(client)
                continue
            for sock in (client, upstream):
                sock.settimeout(None)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = _Link(client, upstream)
            with self._lock:
                if self._refusing:
                    link.close()
                    continue
                self._links.add(link)
                self.accepted += 1
            self._spawn(self._pump, link, client, upstream, True)
            self._spawn(self._pump, link, upstream, client, False)

    def _pump(self, link: _Link, source: socket.socket, target: socket.socket, up: bool) -> None:
        try:
            while True:
                data = source.recv(_CHUNK)
                if not data:
                    break
                with self._lock:
                    if up and self._budget is not None and len(data) >= self._budget:
                        # The armed cut: the first part of this chunk still passes, then the line drops.
                        target.sendall(data[: self._budget])
                        self.bytes_up += self._budget
                        self._cut_locked(self._refuse_after)
                        return
                    if up and self._budget is not None:
                        self._budget -= len(data)
                    if up:
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
                target.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._links.discard(link)
            link.close()


@contextlib.contextmanager
def proxy_for(url: str) -> Iterator[TcpProxy]:
    """A started proxy in front of the server of ``url``; closed (every connection cut) at the end."""
    proxy = TcpProxy.for_url(url)
    with proxy:
        yield proxy
