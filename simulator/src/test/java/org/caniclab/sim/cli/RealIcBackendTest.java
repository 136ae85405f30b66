package org.caniclab.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in: {@code replay --backend ic} against a real local endpoint named by {@code IC_URL} (a replica, an icp-cli
 * network or a PocketIC HTTP gateway with auto progress), signed with {@code IC_IDENTITY_PEM} when set, else as the
 * anonymous principal. Skipped, with the reason printed, when {@code IC_URL} is unset. Never mainnet.
 */
class RealIcBackendTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsRaceShowsOnARealEndpoint() throws Exception {
        String url = System.getenv("IC_URL");
        if (url == null || url.isBlank()) {
            System.out.println("RealIcBackendTest skipped: set IC_URL to a local replica (e.g. http://127.0.0.1:4943)"
                    + " and optionally IC_IDENTITY_PEM to run it");
        }
        Assumptions.assumeTrue(url != null && !url.isBlank(), "IC_URL is not set");
        String pem = System.getenv("IC_IDENTITY_PEM");
        List<String> args = new ArrayList<>(List.of("replay", Cli.scenarios().resolve("bootstrap-race.toml").toString(),
                "--backend", "ic", "--ic-url", url, "--out", dir.toString()));
        if (pem != null && !pem.isBlank()) {
            args.addAll(List.of("--identity", pem));
        } else {
            args.add("--anonymous");
        }
        Cli.Result r = Cli.run(Cli.NEVER, name -> null, args.toArray(new String[0]));
        System.out.println(r.out() + r.err());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("ic", s.get("backend").asText());
        assertEquals(5, s.at("/pools/api/workers_peak").asInt(), "four create_worker calls raced past min 2");
    }
}
