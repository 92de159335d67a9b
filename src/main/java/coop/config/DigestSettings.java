package coop.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.net.URI;
import java.util.Optional;

/**
 * Where the digests' locked copies go (docs/ledger-digests.md). In AWS the bucket comes from
 * {@code COOP_DIGESTS_BUCKET} (the template's Object Lock bucket); locally S3 is the embedded moto's and
 * {@code coop.local.LocalDigestBucket} creates the bucket with Object Lock.
 */
@ConfigMapping(prefix = "coop.digests")
public interface DigestSettings {

    String bucket();

    Optional<String> region();

    /** A local S3 (moto): addressed path-style, since its endpoint has no per-bucket host names. */
    @WithName("endpoint-override")
    Optional<URI> endpointOverride();

    /** Static credentials for local runs; AWS uses the function's role. */
    @WithName("access-key-id")
    Optional<String> accessKeyId();

    @WithName("secret-access-key")
    Optional<String> secretAccessKey();
}
