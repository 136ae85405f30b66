package org.caniclab.sim.substrate.pocketic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The workflow suite against a real PocketIC server, opt-in: set {@code POCKET_IC_BIN} to a binary named
 * {@code pocket-ic} or {@code pocket-ic-server}. Without it every test is skipped with the reason printed.
 */
class RealPocketIcWorkflowTest extends ScalingWorkflowContract {
    private static PocketIcServer server;
    private static PocketIcClient client;
    private PocketIcInstance instance;

    private static final String SKIP_REASON =
            "POCKET_IC_BIN not set: point it at a pocket-ic server binary (v9-v15) to run this suite";

    @BeforeAll
    static void startServer() {
        Optional<Path> bin = PocketIcServer.binaryFromEnvironment();
        if (bin.isEmpty()) {
            System.err.println("[RealPocketIcWorkflowTest] skipped: " + SKIP_REASON);
            return;
        }
        server = PocketIcServer.start(bin.get());
        System.err.println("[RealPocketIcWorkflowTest] " + server.version() + " at " + server.url());
        client = PocketIcClient.connect(server.url());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void deleteInstance() {
        if (instance != null) {
            instance.close();
        }
    }

    /** Created on first use: the contract's set-up (which runs before a subclass's) asks for it. */
    @Override
    protected PocketIcInstance instance() {
        // Checked per test (the contract's set-up asks first), so each test is reported skipped with the reason.
        Assumptions.assumeTrue(System.getenv("POCKET_IC_BIN") != null, SKIP_REASON);
        if (instance == null) {
            instance = client.createInstance();
        }
        return instance;
    }

    @Override
    protected void assertAllocatedExactly(List<Principal> workers) {
        assertEquals(workers.size(), new TreeSet<>(workers).size(), "distinct ids");
        for (Principal w : workers) {
            assertTrue(instance.topology().subnets().stream().flatMap(s -> s.canisterRanges().stream())
                    .anyMatch(r -> r.contains(w)), w + " lies in one of the topology's canister ranges");
        }
    }
}
