package org.caniclab.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The indexed registry behaves exactly as the seed's linear scan, and both as a plain map model, over
 * seeded random upsert sequences.
 */
@Tag("property")
class RegistryEquivalencePropertyTest {
    private static final long BASE_SEED = 0x0EC0_0049L;
    private static final int CASES = 300;

    @Test
    void indexedAndLinearRegistriesAgreeOnEveryObservation() {
        for (int c = 0; c < CASES; c++) {
            long seed = BASE_SEED + c;
            runCase(seed);
        }
    }

    private static void runCase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int poolCount = 1 + rnd.nextInt(100);
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < poolCount; i++) {
            pools.add("pool-" + i);
        }
        List<CanisterRole> roles = List.of(new CanisterRole("scale"), new CanisterRole("worker"));
        ScalingRegistry indexed = new ScalingRegistry();
        LinearScalingRegistry linear = new LinearScalingRegistry();
        Map<Principal, WorkerEntry> model = new HashMap<>();
        List<Principal> known = new ArrayList<>();
        int steps = 1 + rnd.nextInt(400);
        for (int step = 0; step < steps; step++) {
            Principal pid;
            int kind = rnd.nextInt(10);
            if (kind < 2 && !known.isEmpty()) {
                pid = known.get(rnd.nextInt(known.size())); // re-upsert: same or different pool below
            } else if (kind < 4) {
                byte[] raw = new byte[rnd.nextInt(Principal.MAX_LENGTH + 1)];
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = (byte) rnd.nextInt(256);
                }
                pid = Principal.of(raw);
            } else {
                pid = Principal.canisterId(rnd.nextInt(1_000));
            }
            String pool;
            WorkerEntry prev = model.get(pid);
            if (prev != null && rnd.nextBoolean()) {
                pool = prev.pool(); // same pool, new entry
            } else {
                pool = pools.get(rnd.nextInt(pools.size()));
            }
            WorkerEntry entry = new WorkerEntry(pool, roles.get(rnd.nextInt(2)), rnd.nextInt(1_000_000));
            indexed.upsert(pid, entry);
            linear.upsert(pid, entry);
            if (model.put(pid, entry) == null) {
                known.add(pid);
            }
            if (rnd.nextInt(8) == 0 || step == steps - 1) {
                compare(seed, step, pools, model, indexed, linear);
            }
        }
    }

    private static void compare(long seed, int step, List<String> pools, Map<Principal, WorkerEntry> model,
            ScalingRegistry indexed, LinearScalingRegistry linear) {
        String ctx = "seed=" + seed + " step=" + step;
        List<String> asked = new ArrayList<>(pools);
        asked.add("unknown-pool");
        asked.add("");
        Map<String, Integer> expectedCounts = new HashMap<>();
        for (WorkerEntry e : model.values()) {
            expectedCounts.merge(e.pool(), 1, Integer::sum);
        }
        for (String pool : asked) {
            int expected = expectedCounts.getOrDefault(pool, 0);
            assertEquals(expected, linear.countByPool(pool), () -> ctx + " linear countByPool(" + pool + ")");
            assertEquals(expected, indexed.countByPool(pool), () -> ctx + " indexed countByPool(" + pool + ")");
        }
        assertEquals(model.size(), linear.size(), () -> ctx + " linear size");
        assertEquals(model.size(), indexed.size(), () -> ctx + " indexed size");
        List<RegisteredWorker> li = linear.entries();
        List<RegisteredWorker> ix = indexed.entries();
        assertEquals(li, ix, () -> ctx + " entries()");
        assertEquals(model.size(), ix.size(), () -> ctx);
        for (int i = 0; i < ix.size(); i++) {
            RegisteredWorker row = ix.get(i);
            int fi = i;
            assertEquals(model.get(row.pid()), row.entry(), () -> ctx + " entry of " + row.pid());
            if (i > 0) {
                byte[] a = ix.get(i - 1).pid().toBytes();
                byte[] b = row.pid().toBytes();
                assertTrue(lengthThenUnsigned(a, b) < 0, () -> ctx + " entries() not in principal order at " + fi);
            }
        }
        for (Map.Entry<Principal, WorkerEntry> e : model.entrySet()) {
            assertEquals(e.getValue(), indexed.get(e.getKey()), () -> ctx + " indexed get " + e.getKey());
            assertEquals(e.getValue(), linear.get(e.getKey()), () -> ctx + " linear get " + e.getKey());
        }
    }

    private static int lengthThenUnsigned(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i] & 0xFF, b[i] & 0xFF);
            }
        }
        return 0;
    }
}
