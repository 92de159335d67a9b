package coop.bench;

import coop.keys.FieldCipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * How many personal values one thread opens (and seals) per second with {@link FieldCipher}: AES-256-GCM under a
 * family's data key, a name-sized value, associated data as the store builds it. Set beside a DynamoDB read of a page
 * of events (milliseconds), this says whether decrypting can be what bounds a load.
 *
 * <p>Run: {@code ./mvnw -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath org.openjdk.jmh.Main DecryptionBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecryptionBenchmark {

    private static final String PLACE = "coop-bench#Family#martinez#42#child_name";

    private byte[] key;
    private String sealed;

    @Setup
    public void familyKey() {
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        sealed = FieldCipher.seal(key, "\"Lucia Martinez-Okafor\"", PLACE);
    }

    /** One personal value opened: the score is decryptions per second. */
    @Benchmark
    public String openOneValue() {
        return FieldCipher.open(key, sealed, PLACE);
    }

    /** One personal value sealed, as an append does for each. */
    @Benchmark
    public String sealOneValue() {
        return FieldCipher.seal(key, "\"Lucia Martinez-Okafor\"", PLACE);
    }
}
