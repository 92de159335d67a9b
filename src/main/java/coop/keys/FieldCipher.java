package coop.keys;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * AES-256-GCM over one value. The associated data names where the value belongs (tenant, stream, version, field),
 * so a ciphertext moved to another event or field fails to decrypt instead of reading as that field's value.
 * A sealed value is text: {@value #PREFIX} then base64 of a fresh 96-bit nonce and the ciphertext with its tag.
 */
public final class FieldCipher {

    public static final String PREFIX = "enc:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    // One generator per thread, made on first use: a SecureRandom made while the class initialises would be built
    // into a native image with its seed (GraalVM refuses that), and a shared one makes threads wait on its lock.
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private FieldCipher() {
    }

    public static String seal(byte[] key, String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.get().nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, associatedData,
                plaintext.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(
                ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException when the key or the associated data is not the one it was sealed with */
    public static String open(byte[] key, String sealedValue, String associatedData) {
        byte[] bytes = Base64.getDecoder().decode(sealedValue.substring(PREFIX.length()));
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        byte[] sealed = new byte[buffer.remaining()];
        buffer.get(sealed);
        return new String(run(Cipher.DECRYPT_MODE, key, nonce, associatedData, sealed), StandardCharsets.UTF_8);
    }

    /**
     * A fresh AES-256 key that its caller never stores: what is sealed under it can never be opened again, which is
     * how values found in clear after their aggregate's erasure are shredded.
     */
    public static byte[] throwawayKey() {
        byte[] key = new byte[32];
        RANDOM.get().nextBytes(key);
        return key;
    }

    public static boolean isSealed(Object value) {
        return value instanceof String text && text.startsWith(PREFIX);
    }

    private static byte[] run(int mode, byte[] key, byte[] nonce, String associatedData, byte[] input) {
        try {
            // Cipher instances are not thread-safe; creating one is cheap next to a DynamoDB read.
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value does not open with its aggregate's key and place", e);
        }
    }
}
