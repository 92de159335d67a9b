#!/usr/bin/env python3
"""Recomputes a stream's hash chain from its audit export (docs/ledger.md) and prints the head.

Usage: verify_chain.py EXPORT.csv  (the answer of GET /aggregates/{type}/{id}/events?format=csv; "-" reads stdin).
Exits 0 and prints the head when every event follows its predecessor, else exits 1 naming the first bad version.
"""
import csv, hashlib, json, sys

TEXT = ("aggregate_id", "aggregate_type", "correlation_id", "event_id", "event_timestamp", "event_type",
        "tenant_id", "user_id")


def main(path):
    source = sys.stdin if path == "-" else open(path, newline="", encoding="utf-8")
    rows = [row for row in csv.DictReader(source) if row["event_id"] != "#verification"]
    previous = "0" * 64
    for expected, row in enumerate(rows, start=1):
        if int(row["version"]) != expected:
            sys.exit(f"missing_version at version {expected}")
        form = {name: row[name] for name in TEXT}
        form.update(causation_id=row["causation_id"] or None, event_data=row["stored_payload"],
                    event_version=int(row["event_version"]), previous_chain_hash=previous, version=expected)
        canonical = json.dumps(form, sort_keys=True, separators=(",", ":"))  # ASCII, non-ASCII as \\uXXXX
        previous = hashlib.sha256(canonical.encode("ascii")).hexdigest()
        if row["chain_hash"] != previous:
            sys.exit(f"{'hash_mismatch' if row['chain_hash'] else 'not_chained'} at version {expected}")
    print(previous)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "-")
