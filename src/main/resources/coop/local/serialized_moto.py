"""moto_server with one request at a time, and cheaper transactions.

moto's backends are not thread-safe: two conditional writes racing in the threaded server can
both pass their condition, which DynamoDB never allows. A lock around each request gives the
per-item atomicity the event store relies on, while keeping moto's keep-alive connections.

moto also deep-copies a table once per item of a TransactWriteItems, to roll back on failure:
a 10-event append copied the events table (and its stream) 11 times. The copies are all of the
same state, so one per table is enough; that is all the patch below changes.

Usage: python3 serialized_moto.py HOST PORT
"""
import copy
import os
import sys
import threading
import types

import moto.dynamodb.models as dynamodb_models
from werkzeug.serving import run_simple
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app


def copy_each_object_once(transact_write_items):
    def patched(self, transact_items):
        copies = {}

        def deepcopy_once(obj, memo=None):
            if id(obj) not in copies:
                copies[id(obj)] = (obj, copy.deepcopy(obj))  # holding obj keeps its id from being reused
            return copies[id(obj)][1]

        # Safe only because requests are serialised: no other request sees the swapped module global.
        dynamodb_models.copy = types.SimpleNamespace(deepcopy=deepcopy_once)
        try:
            return transact_write_items(self, transact_items)
        finally:
            dynamodb_models.copy = copy

    return patched


dynamodb_models.DynamoDBBackend.transact_write_items = copy_each_object_once(
    dynamodb_models.DynamoDBBackend.transact_write_items)


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
