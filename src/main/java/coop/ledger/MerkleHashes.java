package coop.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two hashes of a digest's Merkle tree, domain-separated as in RFC 6962 (Certificate Transparency): a leaf is
 * SHA-256(0x00 || line), an inner node SHA-256(0x01 || left || right) over the children's raw 32 bytes. Without the
 * prefixes an inner node could be passed off as a leaf (a second preimage); with them it cannot.
 */
public final class MerkleHashes {

    private static final HexFormat HEX = HexFormat.of();

    /** The root of a tenant with no streams: SHA-256 of nothing, as RFC 6962 defines the empty tree. */
    public static final String EMPTY_ROOT = hex(sha256(new byte[0]));

    private MerkleHashes() {
    }

    public static String leaf(StreamLeaf leaf) {
        byte[] line = leaf.canonicalLine().getBytes(StandardCharsets.US_ASCII);
        byte[] input = new byte[line.length + 1];
        System.arraycopy(line, 0, input, 1, line.length);
        return hex(sha256(input));
    }

    public static String node(String left, String right) {
        byte[] input = new byte[65];
        input[0] = 1;
        System.arraycopy(HEX.parseHex(left), 0, input, 1, 32);
        System.arraycopy(HEX.parseHex(right), 0, input, 33, 32);
        return hex(sha256(input));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
