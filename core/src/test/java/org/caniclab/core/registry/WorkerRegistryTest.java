package org.caniclab.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    static List<Supplier<WorkerRegistry>> registries() {
        return List.of(ScalingRegistry::new, LinearScalingRegistry::new);
    }

    private static WorkerEntry entry(String pool, long secs) {
        return new WorkerEntry(pool, ROLE, secs);
    }

    @ParameterizedTest
    @MethodSource("registries")
    void countsWorkersPerPool(Supplier<WorkerRegistry> make) {
        WorkerRegistry reg = make.get();
        reg.upsert(Principal.canisterId(1), entry("a", 0));
        reg.upsert(Principal.canisterId(2), entry("b", 0));
        reg.upsert(Principal.canisterId(3), entry("a", 0));
        assertEquals(2, reg.countByPool("a"));
        assertEquals(1, reg.countByPool("b"));
        assertEquals(0, reg.countByPool("unknown"));
        assertEquals(3, reg.size());
    }

    @ParameterizedTest
    @MethodSource("registries")
    void reUpsertingAPrincipalIntoTheSamePoolDoesNotAddToTheCount(Supplier<WorkerRegistry> make) {
        WorkerRegistry reg = make.get();
        reg.upsert(Principal.canisterId(1), entry("a", 10));
        reg.upsert(Principal.canisterId(1), entry("a", 20));
        assertEquals(1, reg.countByPool("a"));
        assertEquals(1, reg.size());
        assertEquals(20, reg.get(Principal.canisterId(1)).createdAtSecs(), "the entry is overwritten");
    }

    @ParameterizedTest
    @MethodSource("registries")
    void reUpsertingAPrincipalIntoAnotherPoolMovesItsCount(Supplier<WorkerRegistry> make) {
        WorkerRegistry reg = make.get();
        reg.upsert(Principal.canisterId(1), entry("a", 0));
        reg.upsert(Principal.canisterId(1), entry("b", 0));
        assertEquals(0, reg.countByPool("a"));
        assertEquals(1, reg.countByPool("b"));
        reg.upsert(Principal.canisterId(1), entry("a", 0));
        assertEquals(1, reg.countByPool("a"));
        assertEquals(0, reg.countByPool("b"));
        assertEquals(1, reg.size());
    }

    @ParameterizedTest
    @MethodSource("registries")
    void exportsEntriesInPrincipalOrder(Supplier<WorkerRegistry> make) {
        WorkerRegistry reg = make.get();
        Principal longer = Principal.canisterId(0);                  // 10 bytes
        Principal high = Principal.of(new byte[] {(byte) 0x80});     // 1 byte, sign bit set
        Principal low = Principal.of(new byte[] {0x7F});
        Principal c256 = Principal.canisterId(256);
        Principal c255 = Principal.canisterId(255);
        for (Principal p : List.of(c256, longer, high, c255, low)) {
            reg.upsert(p, entry("a", 0));
        }
        assertEquals(List.of(low, high, longer, c255, c256),
                reg.entries().stream().map(RegisteredWorker::pid).toList());
    }

    @ParameterizedTest
    @MethodSource("registries")
    void returnsNullForAnUnknownPrincipal(Supplier<WorkerRegistry> make) {
        assertNull(make.get().get(Principal.canisterId(9)));
    }

    @ParameterizedTest
    @MethodSource("registries")
    void exportIsASnapshot(Supplier<WorkerRegistry> make) {
        WorkerRegistry reg = make.get();
        reg.upsert(Principal.canisterId(1), entry("a", 0));
        List<RegisteredWorker> before = reg.entries();
        reg.upsert(Principal.canisterId(2), entry("a", 0));
        assertEquals(1, before.size());
    }

    @Test
    void refusesStoredPoolNamesAboveSixtyFourBytes() {
        new WorkerEntry("a".repeat(64), ROLE, 0);
        assertThrows(IllegalArgumentException.class, () -> new WorkerEntry("a".repeat(65), ROLE, 0));
    }
}
