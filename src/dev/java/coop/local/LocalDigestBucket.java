package coop.local;

import coop.config.DigestSettings;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;

/**
 * Creates the digests' bucket on the local S3 (the embedded moto) at start-up as the template does in AWS: with
 * Object Lock and a default retention in compliance mode, so that a local digest's copy cannot be deleted either.
 * Never part of a production build.
 */
@Startup
@Singleton
@IfBuildProfile(anyOf = {"dev", "test"})
public class LocalDigestBucket {

    private static final Logger LOG = Logger.getLogger(LocalDigestBucket.class);
    private static final int RETENTION_DAYS = 1;

    LocalDigestBucket(S3Client s3, DigestSettings settings) {
        try {
            s3.createBucket(request -> request.bucket(settings.bucket()).objectLockEnabledForBucket(true));
        } catch (BucketAlreadyOwnedByYouException createdBefore) {
            // An earlier run or another test on the same server made it, locked, and may have filled it: moto
            // refuses a lock configuration on a bucket that holds objects.
            return;
        }
        if (s3.getObjectLockConfiguration(request -> request.bucket(settings.bucket())).objectLockConfiguration()
                .rule() != null) {
            return; // made and locked before: S3 in us-east-1 answers a second create of one's own bucket with 200
        }
        s3.putObjectLockConfiguration(request -> request.bucket(settings.bucket()).objectLockConfiguration(lock -> lock
                .objectLockEnabled("Enabled").rule(rule -> rule.defaultRetention(retention -> retention
                        .mode(ObjectLockRetentionMode.COMPLIANCE).days(RETENTION_DAYS)))));
        LOG.infof("Local digest bucket ready with Object Lock (compliance, %d day): %s", RETENTION_DAYS,
                settings.bucket());
    }
}
