package coop.functions;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import coop.config.DigestSettings;
import coop.store.s3.S3DigestArchive;
import coop.testing.ApiCall;
import coop.testing.ApiClient;
import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;

import static coop.functions.FamilyCalls.append;
import static coop.functions.FamilyCalls.enrolment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every digest taken through the API is also in the Object Lock bucket of the embedded moto's S3 (created by
 * coop.local.LocalDigestBucket as the template creates it in AWS), and its version cannot be deleted.
 */
@QuarkusTest
class DigestArchiveTest {

    @Inject
    ApiClient api;

    @Inject
    S3Client s3;

    @Inject
    DigestSettings settings;

    private final String tenant = Tokens.newTenant();

    @Test
    void a_digest_taken_is_kept_in_the_locked_bucket_and_its_version_cannot_be_deleted() throws Exception {
        Answer enrolled = api.send(append("martinez", Tokens.coordinator(tenant), enrolment("Martinez")));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        Answer taken = api.send(ApiCall.to("POST /ledger/digests").body("{}").as(Tokens.auditor(tenant)));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        String key = S3DigestArchive.key(tenant, taken.body().path("digest_id").asText());

        JsonNode kept = Json.mapper().readTree(s3.getObjectAsBytes(request -> request.bucket(settings.bucket())
                .key(key)).asUtf8String());
        assertThat(kept.path("digest").asText()).isEqualTo(taken.body().path("digest").asText());
        assertThat(kept.path("taken_at").asText()).isEqualTo(taken.body().path("taken_at").asText());

        List<ObjectVersion> versions = s3.listObjectVersions(request -> request.bucket(settings.bucket())
                .prefix(key)).versions();
        assertThat(versions).hasSize(1);
        String versionId = versions.getFirst().versionId();
        // The bucket's default retention reached the object (moto answers GetObjectRetention in XML the SDK cannot
        // parse, so the object's own headers say it).
        assertThat(s3.headObject(request -> request.bucket(settings.bucket()).key(key).versionId(versionId))
                .objectLockMode()).isEqualTo(ObjectLockMode.COMPLIANCE);
        assertThatThrownBy(() -> s3.deleteObject(request -> request.bucket(settings.bucket()).key(key)
                .versionId(versionId)))
                .isInstanceOfSatisfying(S3Exception.class, refused -> assertThat(refused.statusCode()).isEqualTo(403));
        assertThat(s3.listObjectVersions(request -> request.bucket(settings.bucket()).prefix(key)).versions())
                .extracting(ObjectVersion::versionId).containsExactly(versionId);
    }
}
