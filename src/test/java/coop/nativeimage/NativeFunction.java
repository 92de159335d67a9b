package coop.nativeimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native binary ({@code -Dnative.binary}, set by the native profile) started as Lambda's provided.al2023 runtime
 * starts a {@code bootstrap}: one exported function ({@code QUARKUS_FUNQY_EXPORT}, as the template sets it), the
 * Runtime API in {@code AWS_LAMBDA_RUNTIME_API}, configuration in the environment. Its stdout lines are kept: the JSON
 * logs and the EMF metric lines CloudWatch would receive. They are written to {@code target/native-it-logs/} when the
 * function stops, and printed when a test fails ({@link PrintOutputOnFailure}): a CI failure shows the binary's why.
 */
final class NativeFunction implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final Set<NativeFunction> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger STARTED = new AtomicInteger();
    private static boolean librariesPlaced;

    private final String name;

    private final FakeRuntimeApi runtimeApi;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();

    NativeFunction(String export, Map<String, String> environment) throws IOException {
        Path binary = binary();
        name = export + "-" + STARTED.incrementAndGet();
        runtimeApi = new FakeRuntimeApi();
        ProcessBuilder builder = new ProcessBuilder(binary.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/bin:/bin", "AWS_LAMBDA_RUNTIME_API", runtimeApi.address(),
                "QUARKUS_FUNQY_EXPORT", export, "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_LAMBDA_FUNCTION_NAME", export,
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"));
        env.putAll(environment);
        process = builder.start();
        Thread reader = new Thread(this::readOutput, "native-" + export + "-stdout");
        reader.setDaemon(true);
        reader.start();
        RUNNING.add(this);
    }

    /** The functions started and not yet stopped, to show their output when a test fails. */
    static Set<NativeFunction> running() {
        return Set.copyOf(RUNNING);
    }

    /** The export and how many functions this test JVM started before it, e.g. {@code appendEvents-3}. */
    String name() {
        return name;
    }

    /** Hands one event to the function, as Lambda does, and returns its answer; a Lambda error fails the test. */
    JsonNode invoke(String event) throws Exception {
        FakeRuntimeApi.Answer answer;
        try {
            answer = runtimeApi.invoke(event, CALL_TIMEOUT, process.onExit());
        } catch (Exception e) {
            throw new AssertionError("no answer (" + e + "); process alive: " + process.isAlive() + "; output:\n"
                    + output(), e);
        }
        assertThat(answer.kind()).as("answer %s; output:%n%s", answer.body(), output()).isEqualTo("response");
        return JSON.readTree(answer.body());
    }

    /** Every line the function wrote so far (stdout and stderr, as CloudWatch Logs gets them). */
    List<String> lines() {
        return List.copyOf(stdout);
    }

    String output() {
        return String.join("\n", stdout);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                stdout.add(line);
            }
        } catch (IOException e) {
            stdout.add("(reading the output failed: " + e + ")");
        }
    }

    /**
     * The binary, with the shared libraries the stand-in native-image's images load from beside them
     * ({@code -Dnative.libraries}; a real GraalVM or Mandrel build needs none). They are placed once per test JVM and
     * moved in whole: replacing one while a function started earlier is still loading it kills that function.
     */
    private static synchronized Path binary() throws IOException {
        String configured = System.getProperty("native.binary");
        assertThat(configured).as("-Dnative.binary names the native executable (./mvnw -Pnative verify sets it)")
                .isNotBlank();
        Path binary = Path.of(configured);
        assertThat(binary).as("the native executable; build it with ./mvnw -Pnative package").isExecutable();
        Path libraries = Path.of(System.getProperty("native.libraries", ""));
        if (!librariesPlaced && !libraries.toString().isEmpty() && Files.isDirectory(libraries)) {
            try (DirectoryStream<Path> shared = Files.newDirectoryStream(libraries, "*.so")) {
                for (Path library : shared) {
                    Path partial = binary.resolveSibling(library.getFileName() + ".partial");
                    Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, binary.resolveSibling(library.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        librariesPlaced = true;
        return binary;
    }

    @Override
    public void close() throws IOException {
        RUNNING.remove(this);
        process.destroy();
        runtimeApi.close();
        Path logs = binary().resolveSibling("native-it-logs");
        Files.createDirectories(logs);
        Files.write(logs.resolve(name + ".log"), lines(), StandardCharsets.UTF_8);
    }
}
