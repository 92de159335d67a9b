package coop.local;

import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python 3 that can import moto, so that {@code ./mvnw quarkus:dev} and {@code ./mvnw verify} need no setup
 * step: the {@code python3} on the PATH when it has moto, otherwise a private virtual environment under
 * {@code ~/.cache/coop-event-store}, created and filled with {@code moto[server]} on first use. Only moto
 * {@value #MOTO_VERSION} counts: {@code serialized_moto.py} patches its internals.
 */
final class MotoPython {

    private static final Logger LOG = Logger.getLogger(MotoPython.class);
    private static final Path VENV = Path.of(System.getProperty("user.home"), ".cache", "coop-event-store", "moto");
    private static final long INSTALL_MINUTES = 10;
    /** serialized_moto.py patches moto's internals, so the tests are written for this very version (as .ci/run). */
    static final String MOTO_VERSION = "5.2.1";
    private static final String REQUIREMENT = "moto[server]==" + MOTO_VERSION;

    private MotoPython() {
    }

    /** The path of a python3 that imports the pinned moto, installing it into the private environment if need be. */
    static String find() {
        String system = onPath().orElseThrow(() -> new IllegalStateException("python3 is not on the PATH; the "
                + "embedded DynamoDB is moto, a Python package. Install Python 3, then: python3 -m pip install "
                + "'" + REQUIREMENT + "'"));
        if (importsMoto(system)) {
            return system;
        }
        String privatePython = VENV.resolve("bin").resolve("python3").toString();
        if (Files.isExecutable(Path.of(privatePython)) && importsMoto(privatePython)) {
            return privatePython;
        }
        LOG.infof("moto %s is not installed for %s: installing it into %s (once)", MOTO_VERSION, system, VENV);
        run(List.of(system, "-m", "venv", VENV.toString()));
        run(List.of(privatePython, "-m", "pip", "install", "--quiet", REQUIREMENT));
        if (!importsMoto(privatePython)) {
            throw new IllegalStateException("Could not install moto into " + VENV + "; install it by hand: "
                    + "python3 -m pip install '" + REQUIREMENT + "'");
        }
        return privatePython;
    }

    private static Optional<String> onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "python3");
            if (candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static boolean importsMoto(String python) {
        try {
            Process check = new ProcessBuilder(python, "-c",
                    "import moto, werkzeug, sys; sys.exit(moto.__version__ != '" + MOTO_VERSION + "')")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroy();
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed; install moto by hand: "
                        + "python3 -m pip install '" + REQUIREMENT + "'");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing moto", e);
        }
    }
}
