package org.caniclab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void sameSeedAndNameGiveTheSameNumbers() {
        RandomStreams a = new RandomStreams(42);
        RandomStreams b = new RandomStreams(42);
        for (String name : new String[] {"pool/api/service", "load/steady", "", "fault/0/root_reject"}) {
            long[] x = a.stream(name).longs(100).toArray();
            long[] y = b.stream(name).longs(100).toArray();
            assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y), name);
        }
    }

    @Test
    void namesAndSeedsSeparateStreams() {
        Set<Long> seeds = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            for (String name : new String[] {"a", "b", "ab", "ba", "pool/api/service", "pool/api/router",
                    "load/x", "load/y", "é", "e"}) {
                seeds.add(RandomStreams.streamSeed(seed, name));
            }
        }
        assertEquals(500, seeds.size());
        assertNotEquals(new RandomStreams(1).stream("x").nextLong(), new RandomStreams(2).stream("x").nextLong());
    }

    @Test
    void streamSeedsAreStableAcrossVersions() {
        // Pinned: recorded results must stay reproducible. Changing the derivation breaks every baseline.
        assertEquals(RandomStreams.streamSeed(42, "pool/api/service"),
                RandomStreams.streamSeed(42, new String("pool/api/service".toCharArray())));
        assertEquals(-6_102_748_780_665_726_593L, RandomStreams.streamSeed(42, "pool/api/service"));
    }
}
