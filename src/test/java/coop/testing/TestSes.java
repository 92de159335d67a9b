package coop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import coop.app.Json;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The real SES v2 API of the test server (moto serves it on the DynamoDB endpoint), with the sender identity
 * verified, and what moto's SES backend says it accepted: the count of sends comes from the provider, never a mock.
 */
public final class TestSes {

    public static final String FROM = "notices@coop-north.example.org";

    private TestSes() {
    }

    public static SesV2Client client() {
        SesV2Client ses = SesV2Client.builder()
                .endpointOverride(URI.create(TestDynamo.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        try {
            ses.createEmailIdentity(request -> request.emailIdentity(FROM));
        } catch (AlreadyExistsException verifiedByAnEarlierTest) {
            // one server serves every test class of the run
        }
        return ses;
    }

    /** The messages moto's SES accepted for {@code address}, oldest first, as its {@code /moto-api/data.json} lists. */
    public static List<JsonNode> messagesTo(String address) {
        try (InputStream data = URI.create(TestDynamo.endpoint() + "/moto-api/data.json").toURL().openStream()) {
            List<JsonNode> messages = new ArrayList<>();
            for (JsonNode message : Json.mapper().readTree(data).path("ses").path("Message")) {
                for (JsonNode to : message.path("destinations").path("ToAddresses")) {
                    if (to.asText().equals(address)) {
                        messages.add(message);
                    }
                }
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
