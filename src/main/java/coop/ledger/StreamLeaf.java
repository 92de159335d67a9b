package coop.ledger;

import java.util.regex.Pattern;

/**
 * One stream's head as a digest records it: the stream ({@code aggregate_type/aggregate_id} within the digest's
 * tenant), its version and the {@code chain_hash} stored on that version. Its canonical line,
 * {@code aggregate_type/aggregate_id|version|chain_hash}, is what a Merkle leaf hashes (docs/ledger-digests.md).
 */
public record StreamLeaf(String stream, long version, String chainHash) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    public StreamLeaf {
        if (stream == null || stream.indexOf('|') >= 0 || stream.indexOf('/') < 1) {
            throw new IllegalArgumentException("stream must be aggregate_type/aggregate_id without '|'");
        }
        if (version < 1) {
            throw new IllegalArgumentException("a stream head has a version of at least 1");
        }
        if (chainHash == null || !HASH.matcher(chainHash).matches()) {
            throw new IllegalArgumentException("chain_hash must be 64 lower-case hex digits");
        }
    }

    public static StreamLeaf of(String aggregateType, String aggregateId, long version, String chainHash) {
        return new StreamLeaf(aggregateType + "/" + aggregateId, version, chainHash);
    }

    /** The line a leaf hashes; its ASCII bytes, prefixed by 0x00, are the leaf's SHA-256 input. */
    public String canonicalLine() {
        return stream + "|" + version + "|" + chainHash;
    }
}
