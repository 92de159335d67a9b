package coop.stream;

import coop.app.LoadTarget;
import coop.domain.family.Family;
import coop.domain.family.PortalAccess;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream of a family whose personal data was erased, with personal values sealed as deployed: an erased family
 * still owes money, so its overdue notices still lock its portal (the follow-up carries no reason, a reason being
 * personal data).
 */
class ErasedFamilyTriggersTest extends SealedStreamTest {

    @Test
    void after_an_erasure_an_overdue_notice_still_locks_the_portal_and_a_payment_restores_it() {
        enroll("erased", "Nakamura");
        due("erased", 450, "2024-10-01");
        deliverAll();
        assertThat(erasures.erase(TENANT, "erased", "request", "admin-1")).isPresent();
        deliverAll();

        append("erased", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        deliverAll();

        assertThat(ofType("erased", "PortalAccessLocked")).singleElement().satisfies(lock -> {
            assertThat(lock.data()).doesNotContain("overdue");
            assertThat(lock.causationId()).isPresent();
        });
        assertThat(aggregates.load(Family.INSTANCE, family("erased"), LoadTarget.latest()).orElseThrow()
                .state().portalAccess()).isEqualTo(PortalAccess.LOCKED);

        received("erased", 450, "2024-10-20");
        deliverAll();

        assertThat(ofType("erased", "PortalAccessRestored")).hasSize(1);
        assertThat(aggregates.load(Family.INSTANCE, family("erased"), LoadTarget.latest()).orElseThrow()
                .state().portalAccess()).isEqualTo(PortalAccess.ACTIVE);
    }

    @Test
    void before_an_erasure_the_lock_names_its_reason() {
        enroll("kept", "Okafor");
        due("kept", 450, "2024-10-01");
        append("kept", "PaymentOverdue", Map.of("amount", 450, "due_date", "2024-10-01"));
        deliverAll();

        assertThat(ofType("kept", "PortalAccessLocked")).singleElement()
                .satisfies(lock -> assertThat(lock.data()).contains("A payment is overdue"));
    }
}
