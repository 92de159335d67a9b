"""moto_server with one request at a time.

moto's backends are not thread-safe: two conditional writes racing in the threaded server can
both pass their condition, which DynamoDB never allows. A lock around each request gives the
per-item atomicity the event store relies on, while keeping moto's keep-alive connections.

Usage: python3 serialized_moto.py HOST PORT
"""
import os
import sys
import threading

from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app


class OneRequestAtATime:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            # Drain the response inside the lock: moto computes some bodies lazily.
            return [b"".join(self.app(environ, start_response))]


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("MOTO_PORT", str(port))
    run_simple(host, port, OneRequestAtATime(DomainDispatcherApplication(create_backend_app)),
               threaded=True, use_reloader=False)
