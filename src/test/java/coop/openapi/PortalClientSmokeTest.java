package coop.openapi;

import coop.local.LocalApiServer;
import coop.portal.client.ApiClient;
import coop.portal.client.ApiException;
import coop.portal.client.api.EventsApi;
import coop.portal.client.api.QueriesApi;
import coop.portal.client.model.AggregateView;
import coop.portal.client.model.AppendRequest;
import coop.portal.client.model.Appended;
import coop.portal.client.model.Envelope;
import coop.portal.client.model.ExpectedVersion;
import coop.portal.client.model.FamilyEnrolledEvent;
import coop.portal.client.model.FamilyEnrolledV1Payload;
import coop.portal.client.model.PaymentReceivedEvent;
import coop.portal.client.model.PaymentReceivedEventEventData;
import coop.portal.client.model.PaymentReceivedV2Payload;
import coop.portal.client.model.ProposedEvent;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The portal's view of the API: the Java client openapi-generator makes from openapi.yaml (generated into the test
 * sources by the build, see docs/openapi.md), typed end to end, against the local server. If the document and the
 * API part ways, this stops compiling or fails.
 */
@QuarkusTest
class PortalClientSmokeTest {

    @Inject
    LocalApiServer server;

    @Test
    void the_generated_client_enrols_a_family_pays_and_reads_it_back_typed() throws Exception {
        String tenant = Tokens.newTenant();
        ApiClient client = new ApiClient().setHost("127.0.0.1").setPort(server.port()).setRequestInterceptor(request ->
                request.header("Authorization", "Bearer " + Tokens.unsigned(
                        "{\"sub\":\"sarah\",\"tenant_id\":\"" + tenant + "\",\"roles\":[\"coordinator\"]}")));
        EventsApi events = new EventsApi(client);

        Appended enrolled = events.appendEvents("Family", "martinez", new AppendRequest()
                .expectedVersion(new ExpectedVersion(0L))
                .correlationId("enrollment_abc123")
                .events(List.of(new ProposedEvent(new FamilyEnrolledEvent()
                        .eventId("martinez-enrolled")
                        .eventType(FamilyEnrolledEvent.EventTypeEnum.FAMILY_ENROLLED)
                        .eventData(new FamilyEnrolledV1Payload().familyName("Martinez")
                                .enrollmentDate(LocalDate.of(2024, 9, 1)).parentName("Ana Martinez"))))));
        Appended paid = events.appendEvents("Family", "martinez", new AppendRequest()
                .expectedVersion(new ExpectedVersion(1L))
                .correlationId("payment_martinez_oct")
                .events(List.of(new ProposedEvent(new PaymentReceivedEvent()
                        .eventId("martinez-paid-1")
                        .eventType(PaymentReceivedEvent.EventTypeEnum.PAYMENT_RECEIVED)
                        .eventVersion(2)
                        .eventData(new PaymentReceivedEventEventData(new PaymentReceivedV2Payload()
                                .amount(new BigDecimal("450")).date(LocalDate.of(2024, 10, 20))
                                .paymentMethod("credit_card")))))));

        assertThat(enrolled.getAggregateVersion()).isEqualTo(1L);
        assertThat(paid.getEvents()).extracting(position -> position.getEventId()).containsExactly("martinez-paid-1");
        AggregateView family = events.loadAggregate("Family", "martinez", null, null);
        assertThat(family.getAggregateVersion()).isEqualTo(2L);
        assertThat(family.getState()).containsEntry("family_name", "Martinez");
        Envelope payment = new QueriesApi(client).getEvent("martinez-paid-1");
        assertThat(payment.getEventType()).isEqualTo("PaymentReceived");
        assertThat(payment.getCorrelationId()).isEqualTo("payment_martinez_oct");

        ApiException conflict = catchThrowableOfType(ApiException.class, () -> events.appendEvents("Family", "martinez",
                new AppendRequest().expectedVersion(new ExpectedVersion(0L)).events(List.of(new ProposedEvent(
                        new FamilyEnrolledEvent().eventType(FamilyEnrolledEvent.EventTypeEnum.FAMILY_ENROLLED)
                                .eventData(new FamilyEnrolledV1Payload().familyName("Martinez")
                                        .enrollmentDate(LocalDate.of(2024, 9, 1))))))));
        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(conflict.getResponseBody()).contains("\"error\":\"concurrency_conflict\"");
    }
}
