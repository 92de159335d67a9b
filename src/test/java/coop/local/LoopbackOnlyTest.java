package coop.local;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A local run listens on the loopback address only: every listening TCP socket of this JVM and of the processes it
 * started (the embedded moto) is bound to 127.0.0.1 or ::1, never to a wildcard or a network interface. Read from
 * /proc, so it sees sockets that nothing in the application announces (Quarkus' Lambda mock event server bound
 * 0.0.0.0 and ran any event posted to it).
 */
@QuarkusTest
class LoopbackOnlyTest {

    private static final String LISTEN = "0A";

    @Inject
    LocalApiServer server;

    @Test
    void every_listening_socket_of_the_local_run_is_on_loopback() throws IOException {
        Set<String> sockets = new HashSet<>();
        for (ProcessHandle process : Stream.concat(Stream.of(ProcessHandle.current()),
                ProcessHandle.current().descendants()).toList()) {
            sockets.addAll(socketInodes(process.pid()));
        }
        List<InetSocketAddress> listening = new ArrayList<>();
        listening.addAll(listeners(Path.of("/proc/net/tcp"), sockets));
        listening.addAll(listeners(Path.of("/proc/net/tcp6"), sockets));

        assertThat(listening).as("the local API listens").extracting(InetSocketAddress::getPort)
                .contains(server.port());
        assertThat(listening).as("listening sockets of this run").allSatisfy(address ->
                assertThat(address.getAddress().isLoopbackAddress()).as(address.toString()).isTrue());
    }

    /** The inodes of a process's sockets, from its file descriptors ({@code socket:[12345]}). */
    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // A descriptor closed between the listing and the read is no listener.
                }
            }
        }
        return inodes;
    }

    /** Listening sockets in a /proc/net table whose inode is one of ours, as address and port. */
    private static List<InetSocketAddress> listeners(Path table, Set<String> inodes) throws IOException {
        List<InetSocketAddress> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.trim().split("\\s+");
            if (columns[3].equals(LISTEN) && inodes.contains(columns[9])) {
                String[] local = columns[1].split(":");
                found.add(new InetSocketAddress(address(local[0]), Integer.parseInt(local[1], 16)));
            }
        }
        return found;
    }

    /** The kernel prints each 32-bit word of the address in host order (little-endian here). */
    private static InetAddress address(String hex) throws IOException {
        byte[] bytes = HexFormat.of().parseHex(hex);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 2; i++) {
                byte swap = bytes[word + i];
                bytes[word + i] = bytes[word + 3 - i];
                bytes[word + 3 - i] = swap;
            }
        }
        return InetAddress.getByAddress(bytes);
    }
}
