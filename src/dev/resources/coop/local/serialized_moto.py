"""moto_server with one request at a time, and cheaper transactions.

moto's backends are not thread-safe: two conditional writes racing in the threaded server can
both pass their condition, which DynamoDB never allows. A lock around each request gives the
per-item atomicity the event store relies on, while keeping moto's keep-alive connections.

moto also deep-copies a table once per item of a TransactWriteItems, to roll back on failure:
a 10-event append copied the events table (and its stream) 11 times, and one copy of a table of
a few thousand events takes most of a second. Since requests are serialised, the conditions can
be checked first: a transaction whose conditions all hold is applied with nothing to copy, one
whose conditions fail is cancelled before anything changed; anything else (duplicate keys,
invalid input) takes moto's own path with one copy per table.

Usage: python3 serialized_moto.py HOST PORT
"""
import copy
import io
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


def failed_conditions(backend, transact_items):
    """The cancellation reasons if some condition fails, None if all hold; raises on anything unusual."""
    reasons, keys = [], set()
    for item in transact_items:
        (op_type, op), = item.items()
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise ValueError(op_type)
        table = backend.get_table(op["TableName"])
        if op_type == "Put":
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        unique = (op["TableName"], str(sorted(key.items())))
        if unique in keys:
            raise ValueError("two operations on one item")
        keys.add(unique)
        current = backend.get_item(op["TableName"], key)
        condition = op.get("ConditionExpression")
        if condition is not None and not dynamodb_models.get_filter_expression(
                condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")).expr(current):
            old = current.to_json()["Attributes"] if current and op.get(
                "ReturnValuesOnConditionCheckFailure") == "ALL_OLD" else None
            reasons.append(("ConditionalCheckFailed", "The conditional request failed", old))
        else:
            reasons.append((None, None, None))
    return reasons if any(code is not None for code, _, _ in reasons) else None


def check_conditions_first(transact_write_items):
    copy_once = copy_each_object_once(transact_write_items)

    def patched(self, transact_items):
        try:
            reasons = failed_conditions(self, transact_items)
        except Exception:
            return copy_once(self, transact_items)
        if reasons is not None:
            raise dynamodb_models.TransactionCanceledException(reasons)
        dynamodb_models.copy = types.SimpleNamespace(deepcopy=lambda obj, memo=None: obj)
        try:
            return transact_write_items(self, transact_items)
        finally:
            dynamodb_models.copy = copy

    return patched


dynamodb_models.DynamoDBBackend.transact_write_items = check_conditions_first(
    dynamodb_models.DynamoDBBackend.transact_write_items)


class OneRequestAtATime:
    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        # Read the whole body before taking the lock: a client that stops half-way through sending a request (a
        # thread interrupted mid-write) must not hold every other request up.
        length = environ.get("CONTENT_LENGTH")
        if length:
            environ["wsgi.input"] = io.BytesIO(environ["wsgi.input"].read(int(length)))
        with self.lock:
            # Drain the response inside the lock: moto computes some bodies lazily.
            return [b"".join(self.app(environ, start_response))]


if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ.setdefault("MOTO_PORT", str(port))
    run_simple(host, port, OneRequestAtATime(DomainDispatcherApplication(create_backend_app)),
               threaded=True, use_reloader=False)
