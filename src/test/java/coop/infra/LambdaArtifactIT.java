package coop.infra;

import io.quarkus.funqy.Funq;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda artifact as {@code ./mvnw verify} packages it (failsafe, after the package phase): it holds every
 * function the template deploys and none of the dev-only code, which the pom moves out of the classes before the
 * Quarkus build (docs/dev-code.md). Entries are listed from the zip and from every jar inside it.
 */
class LambdaArtifactIT {

    /** Folders only local runs and tests use: src/dev's code, the template and the console (served by CloudFront). */
    private static final List<String> DEV_ONLY_FOLDERS = List.of("coop/local/", "infra/", "console/");
    /** Files only local runs and tests use, wherever they sit. */
    private static final List<String> DEV_ONLY_FILES = List.of("serialized_moto.py", "template.yaml");
    /** The local config sources' registration; libraries inside lib/ have their own, which the Lambda needs. */
    private static final String APP_CONFIG_SOURCES = "META-INF/services/io.smallrye.config.ConfigSourceFactory";

    private static Path zip;
    private static final Set<String> entries = new TreeSet<>();

    @BeforeAll
    static void listTheZip() throws IOException {
        String configured = System.getProperty("coop.lambda.zip");
        if (configured == null || !Files.isRegularFile(Path.of(configured))) {
            throw new IllegalStateException("No Lambda artifact at " + configured + ": this test reads the zip that "
                    + "./mvnw package builds; run it with ./mvnw verify (failsafe sets coop.lambda.zip).");
        }
        zip = Path.of(configured);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                entries.add(entry.getName());
                if (entry.getName().endsWith(".jar")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        entries.addAll(jarEntries(entry.getName(), in));
                    }
                }
            }
        }
    }

    @Test
    void the_zip_carries_no_dev_only_code_or_file() {
        List<String> devOnly = entries.stream().filter(LambdaArtifactIT::devOnly).toList();

        assertThat(entries).as("entries of %s", zip).isNotEmpty();
        assertThat(devOnly).as("dev-only entries in %s", zip).isEmpty();
    }

    @Test
    void the_zip_holds_the_handler_and_every_function_the_template_deploys() throws ClassNotFoundException {
        SamTemplate template = SamTemplate.fromClasspath();
        // Handler: !If [IsNative, not.used.in.provided.runtime, "<class>::handleRequest"]: the JVM one is the third.
        String handler = template.globalFunction().path("Handler").path(2).asText();
        assertThat(handler).contains("::");
        assertThat(entries).as("the JVM handler %s in %s", handler, zip)
                .anyMatch(entry -> entry.endsWith(classFile(handler.substring(0, handler.indexOf("::")))));

        Set<String> exported = template.functionsByExport().keySet();
        Set<String> packaged = new TreeSet<>();
        for (String entry : entries) {
            String path = entry.substring(entry.indexOf('!') + 1);
            // Quarkus' generated beans and proxies live only in the zip; the compiled function classes are also here.
            boolean compiled = LambdaArtifactIT.class.getClassLoader().getResource(path) != null;
            if (path.startsWith("coop/functions/") && path.endsWith(".class") && compiled) {
                packaged.addAll(funqNames(path));
            }
        }
        assertThat(exported).as("functions the template deploys").isNotEmpty();
        assertThat(packaged).as("@Funq functions whose classes are in %s", zip).containsAll(exported);
    }

    private static boolean devOnly(String entry) {
        String path = entry.substring(entry.indexOf('!') + 1);
        return DEV_ONLY_FOLDERS.stream().anyMatch(path::startsWith)
                || DEV_ONLY_FILES.stream().anyMatch(file -> path.equals(file) || path.endsWith("/" + file))
                || entry.equals(APP_CONFIG_SOURCES);
    }

    /** Entries of a jar inside the zip, as {@code lib/app.jar!coop/Foo.class}. */
    private static List<String> jarEntries(String jarName, InputStream in) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarInputStream jar = new JarInputStream(in)) {
            for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                names.add(jarName + "!" + entry.getName());
            }
        }
        return names;
    }

    private static String classFile(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static List<String> funqNames(String classFile) throws ClassNotFoundException {
        String className = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        List<String> names = new ArrayList<>();
        for (Method method : Class.forName(className, false, LambdaArtifactIT.class.getClassLoader()).getMethods()) {
            Funq funq = method.getAnnotation(Funq.class);
            if (funq != null) {
                names.add(funq.value().isEmpty() ? method.getName() : funq.value());
            }
        }
        return names;
    }
}
