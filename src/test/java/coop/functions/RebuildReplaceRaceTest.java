package coop.functions;

import coop.testing.ApiClient.Answer;
import coop.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant admins who press "rebuild" at the very moment an operator restarts the platform's rebuild: whatever the
 * interleaving, the operator's rebuild is the one that runs, and every admin is refused.
 */
@QuarkusTest
class RebuildReplaceRaceTest extends HeldRebuildTest {

    private static final int ROUNDS = 10;
    private static final int ADMINS = 3;

    @Test
    void tenant_admins_released_together_with_an_operator_never_replace_the_operators_rebuild() throws Exception {
        List<Map<String, String>> callers = new ArrayList<>(List.of(Tokens.operator("platform")));
        for (int i = 0; i < ADMINS; i++) {
            callers.add(Tokens.admin(Tokens.newTenant()));
        }
        ExecutorService threads = Executors.newFixedThreadPool(callers.size());
        int refused = 0;
        String last = null;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(callers.size());
                List<Future<Answer>> answers = new ArrayList<>();
                for (Map<String, String> caller : callers) {
                    answers.add(threads.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return rebuild(caller);
                    }));
                }
                String operators = started(answers.getFirst().get(60, TimeUnit.SECONDS));
                for (Future<Answer> admin : answers.subList(1, answers.size())) {
                    Answer answer = admin.get(60, TimeUnit.SECONDS);
                    assertThat(answer.status()).as("round %d: %s", round, answer).isEqualTo(403);
                    refused++;
                }
                assertThat(rebuilds.current(NAME).orElseThrow().id()).as("round %d", round).isEqualTo(operators);
                last = operators;
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(refused).isEqualTo(ROUNDS * ADMINS);
        assertThat(held.heldCount()).as("only the operators' segments were launched")
                .isEqualTo(ROUNDS * settings.segments());
        held.release();
        assertThat(awaitFinished(last).segmentsDone()).isEqualTo(settings.segments());
    }
}
