package coop.keys;

/**
 * One aggregate's data key: the AES-256 key that encrypts its personal values (held in memory only), and the same
 * key wrapped by the KMS key (the only form that is ever stored).
 */
public record DataKey(byte[] plaintext, byte[] wrapped) {
}
