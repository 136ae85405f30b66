package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.caniclab.sim.substrate.SubstrateUnavailableException;

/**
 * The launcher, driven by stand-in {@code pocket-ic} shell scripts that behave like the server's start-up
 * (print a version, write the port file in two steps, stay alive) and point at the loopback fake for /status.
 */
class PocketIcServerTest {
    private static final PocketIcServer.Options QUICK = new PocketIcServer.Options(Duration.ofSeconds(5), 60,
            Duration.ofSeconds(5));

    @TempDir
    Path dir;
    private FakePocketIc fake;

    @BeforeEach
    void start() {
        Assumptions.assumeFalse(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win"),
                "the stand-in binaries are POSIX shell scripts");
        fake = FakePocketIc.start();
    }

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    /** A script named {@code name} that answers --version, records its arguments, then runs {@code body}. */
    private Path script(String name, String body) throws IOException {
        Path bin = dir.resolve(name);
        Files.writeString(bin, "#!/bin/sh\n"
                + "if [ \"$1\" = \"--version\" ]; then echo 'pocket-ic-server 15.0.0'; exit 0; fi\n"
                + "echo \"$@\" > '" + dir.resolve("args") + "'\n"
                + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    /** Writes the port without the newline first, so a reader that does not wait for the line end fails. */
    private static String writesPort(int port) {
        return "printf '" + port + "' > \"$2\"; sleep 0.2; printf '\\n' >> \"$2\"; exec sleep 30";
    }

    @Test
    void startsTheBinaryWaitsForACompletePortLineAndStopsItOnClose() throws IOException {
        Path bin = script("pocket-ic", writesPort(fake.url().getPort()));
        PocketIcServer server = PocketIcServer.start(bin, QUICK);
        Path portFile;
        try {
            assertEquals("pocket-ic-server 15.0.0", server.version());
            assertEquals(fake.url(), server.url());
            assertTrue(server.isAlive());
            List<String> args = List.of(Files.readString(dir.resolve("args")).strip().split(" "));
            assertEquals(4, args.size(), args.toString());
            assertEquals("--port-file", args.get(0));
            portFile = Path.of(args.get(1));
            assertEquals(List.of("--ttl", "60"), args.subList(2, 4));
            assertEquals(fake.url().getPort() + "\n", Files.readString(portFile));
            assertFalse(fake.requests("/status").isEmpty(), "readiness was checked with GET /status");
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
        assertFalse(Files.exists(portFile.getParent()), "the temporary directory is removed");
    }

    @Test
    void closeStopsEveryProcessTheServerStartedNotOnlyTheServer() throws IOException {
        Path pids = dir.resolve("children");
        // The stand-in starts a helper of its own and a grandchild under it, as a server with worker processes would.
        Path bin = script("pocket-ic", "sleep 60 & echo $! >> '" + pids + "'; "
                + "sh -c 'sleep 60 & echo $! >> \"$0\"; wait' '" + pids + "' & echo $! >> '" + pids + "'; "
                + writesPort(fake.url().getPort()));
        PocketIcServer server = PocketIcServer.start(bin, QUICK);
        List<ProcessHandle> children;
        try {
            children = Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong)
                    .map(pid -> ProcessHandle.of(pid).orElseThrow()).toList();
            assertEquals(3, children.size(), children.toString());
            for (ProcessHandle c : children) {
                assertTrue(c.isAlive(), c + " runs while the server runs");
            }
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
        for (ProcessHandle c : children) {
            assertFalse(c.isAlive(), c + " is stopped with the server");
        }
    }

    @Test
    void refusesABinaryUnderAnotherName() throws IOException {
        Path bin = script("pocketic", writesPort(fake.url().getPort()));
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> PocketIcServer.start(bin, QUICK));
        assertEquals("PocketIC binary " + bin + " must be named pocket-ic or pocket-ic-server (the server panics under"
                + " any other name); rename or link it", e.getMessage());
    }

    @Test
    void reportsAMissingBinary() {
        Path bin = dir.resolve("nowhere").resolve("pocket-ic-server");
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> PocketIcServer.start(bin, QUICK));
        assertTrue(e.getMessage().contains(bin + " does not exist"), e.getMessage());
    }

    @Test
    void reportsAServerThatExitsBeforeWritingItsPortWithItsOutput() throws IOException {
        Path bin = script("pocket-ic-server", "echo 'thread main panicked: boom' >&2; exit 3");
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> PocketIcServer.start(bin, QUICK));
        assertTrue(e.getMessage().contains("exited with code 3 before writing its port file"), e.getMessage());
        assertTrue(e.getMessage().contains("thread main panicked: boom"), e.getMessage());
    }

    @Test
    void givesUpWhenNoPortLineArrivesInTime() throws IOException {
        Path bin = script("pocket-ic", "printf '123' > \"$2\"; exec sleep 30"); // never a complete line
        PocketIcServer.Options impatient = new PocketIcServer.Options(Duration.ofMillis(300), 60, Duration.ofSeconds(5));
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> PocketIcServer.start(bin, impatient));
        assertTrue(e.getMessage().contains("wrote no port to"), e.getMessage());
    }

    @Test
    void givesUpWhenStatusNeverAnswers() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path bin = script("pocket-ic", writesPort(closed));
        PocketIcServer.Options impatient = new PocketIcServer.Options(Duration.ofMillis(500), 60, Duration.ofSeconds(5));
        SubstrateUnavailableException e = assertThrows(SubstrateUnavailableException.class,
                () -> PocketIcServer.start(bin, impatient));
        assertTrue(e.getMessage().startsWith("PocketIC server at http://127.0.0.1:" + closed
                + " did not answer GET /status with 200"), e.getMessage());
    }
}
