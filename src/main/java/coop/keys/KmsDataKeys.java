package coop.keys;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

import java.util.Map;

/**
 * Generates and unwraps data keys with one KMS key. Each wrapped key is bound to its aggregate by KMS's encryption
 * context, so a wrapped key copied onto another aggregate's key item does not unwrap there.
 */
public final class KmsDataKeys {

    private static final String CONTEXT = "stream";

    private final KmsClient kms;
    private final String kmsKeyId;

    /** @param kmsKeyId the KMS key's id, ARN or alias (e.g. {@code alias/coop-data-keys}) */
    public KmsDataKeys(KmsClient kms, String kmsKeyId) {
        this.kms = kms;
        this.kmsKeyId = kmsKeyId;
    }

    /** A new AES-256 data key for the aggregate {@code stream} (its tenant-qualified stream key): one KMS request. */
    public DataKey generate(String stream) {
        var response = kms.generateDataKey(request -> request.keyId(kmsKeyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(Map.of(CONTEXT, stream)));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }

    /** The plain data key of a wrapped one: one KMS request. */
    public byte[] unwrap(String stream, byte[] wrapped) {
        return kms.decrypt(request -> request.keyId(kmsKeyId).ciphertextBlob(SdkBytes.fromByteArray(wrapped))
                .encryptionContext(Map.of(CONTEXT, stream))).plaintext().asByteArray();
    }
}
