package org.caniclab.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Principal;
import org.junit.jupiter.api.Test;

class ObservedRegistryTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    @Test
    void tellsTheListenerOnlyWhenAWorkerJoinsAPoolsCount() {
        List<String> seen = new ArrayList<>();
        ObservedRegistry reg = new ObservedRegistry(new ScalingRegistry(),
                (pid, e) -> seen.add(pid.toText() + "@" + e.pool()));
        Principal a = Principal.canisterId(1);
        Principal b = Principal.canisterId(2);
        reg.upsert(a, new WorkerEntry("api", ROLE, 0));
        reg.upsert(a, new WorkerEntry("api", ROLE, 5)); // same pool again: no new worker
        reg.upsert(b, new WorkerEntry("api", ROLE, 0));
        reg.upsert(a, new WorkerEntry("web", ROLE, 9)); // moved: joins web's count
        assertEquals(List.of(a.toText() + "@api", b.toText() + "@api", a.toText() + "@web"), seen);
        assertEquals(1, reg.countByPool("api"));
        assertEquals(1, reg.countByPool("web"));
        assertEquals(2, reg.size());
        assertEquals(9, reg.get(a).createdAtSecs());
        assertEquals(List.of(a, b), reg.entries().stream().map(RegisteredWorker::pid).toList());
    }
}
