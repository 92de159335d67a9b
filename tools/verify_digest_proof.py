#!/usr/bin/env python3
"""Check a digest's Merkle proof (docs/ledger-digests.md): python3 verify_digest_proof.py proof.json
proof.json: {"leaf": {"stream", "version", "chain_hash"}, "steps": [{"sibling", "sibling_on_left"}], "digest"}.
Prints the recomputed root; exits 0 when it is the digest, 1 when not."""
import hashlib, json, sys

def leaf_hash(leaf):
    line = "%s|%d|%s" % (leaf["stream"], leaf["version"], leaf["chain_hash"])
    return hashlib.sha256(b"\x00" + line.encode("ascii")).digest()

def root_of(proof):
    running = leaf_hash(proof["leaf"])
    for step in proof["steps"]:
        sibling = bytes.fromhex(step["sibling"])
        pair = sibling + running if step["sibling_on_left"] else running + sibling
        running = hashlib.sha256(b"\x01" + pair).digest()
    return running.hex()

if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        proof = json.load(f)
    root = root_of(proof)
    print(root)
    sys.exit(0 if root == proof["digest"] else 1)
