package coop.store.s3;

import coop.store.DigestArchive;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The digests' locked copies in an S3 bucket created with Object Lock and a default retention in compliance mode
 * (infra/template.yaml): the bucket's default applies to every object put, so a put needs no retention of its own, and
 * the SDK's default checksum satisfies Object Lock's demand for one on every put.
 */
public final class S3DigestArchive implements DigestArchive {

    private final S3Client s3;
    private final String bucket;

    public S3DigestArchive(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void keep(String tenantId, String digestId, String json) {
        s3.putObject(request -> request.bucket(bucket).key(key(tenantId, digestId)).contentType("application/json"),
                RequestBody.fromString(json));
    }

    public static String key(String tenantId, String digestId) {
        return tenantId + "/" + digestId + ".json";
    }
}
