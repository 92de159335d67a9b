package coop.bench;

import coop.domain.family.Family;
import coop.domain.family.FamilyEnrolled;
import coop.domain.family.FamilyEvent;
import coop.domain.family.FamilyState;
import coop.domain.family.PaymentDue;
import coop.domain.family.PaymentReceived;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How fast the Family fold runs over payment events, in events per second on one thread, for histories of 10,000
 * and 100,000 of them. A fold that copies what grows with the history (as the payment list once did) slows down
 * per event as the history grows; a linear one does not.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main FoldBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FoldBenchmark {

    private List<FamilyEvent> tenThousand;
    private List<FamilyEvent> hundredThousand;

    @Setup
    public void histories() {
        tenThousand = paymentHistory(10_000);
        hundredThousand = paymentHistory(100_000);
    }

    /** 10,000 payment events (dues and the payments that settle them); the score is events per second. */
    @Benchmark
    @OperationsPerInvocation(10_000)
    public FamilyState fold10000PaymentEvents() {
        return fold(tenThousand);
    }

    /** 100,000 payment events: a linear fold scores the same per event as with 10,000. */
    @Benchmark
    @OperationsPerInvocation(100_000)
    public FamilyState fold100000PaymentEvents() {
        return fold(hundredThousand);
    }

    private static FamilyState fold(List<FamilyEvent> payments) {
        FamilyState state = Family.INSTANCE.evolve(Family.INSTANCE.initialState("bench"),
                new FamilyEnrolled("Bench Family", LocalDate.of(2024, 9, 1), "Parent", 1));
        for (FamilyEvent event : payments) {
            state = Family.INSTANCE.evolve(state, event);
        }
        return state;
    }

    private static List<FamilyEvent> paymentHistory(int events) {
        List<FamilyEvent> history = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            LocalDate day = LocalDate.of(2024, 10, 1).plusDays(i % 365);
            history.add(i % 2 == 0 ? new PaymentDue(new BigDecimal("450"), day)
                    : new PaymentReceived(new BigDecimal("450"), day, "card"));
        }
        return history;
    }
}
