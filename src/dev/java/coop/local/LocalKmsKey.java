package coop.local;

import coop.config.KeySettings;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Creates the KMS key that wraps the data keys, under its configured alias, on the local KMS (embedded moto or
 * LocalStack) at start-up, as the template does in AWS. Never part of a production build.
 */
@Startup
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalKmsKey {

    private static final Logger LOG = Logger.getLogger(LocalKmsKey.class);

    LocalKmsKey(KmsClient kms, KeySettings keys) {
        ensure(kms, keys.kmsKeyId());
        LOG.infof("Local KMS key ready: %s", keys.kmsKeyId());
    }

    /** Creates the key under {@code alias} unless the alias already names one (an earlier run, another test). */
    public static synchronized void ensure(KmsClient kms, String alias) {
        try {
            kms.describeKey(request -> request.keyId(alias));
        } catch (NotFoundException missing) {
            String keyId = kms.createKey(request -> request.description("coop data keys (local)"))
                    .keyMetadata().keyId();
            kms.enableKeyRotation(request -> request.keyId(keyId));
            kms.createAlias(request -> request.aliasName(alias).targetKeyId(keyId));
        }
    }
}
