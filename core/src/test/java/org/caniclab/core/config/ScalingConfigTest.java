package org.caniclab.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caniclab.core.ic.CanisterRole;
import org.junit.jupiter.api.Test;

class ScalingConfigTest {
    private static final CanisterRole ROLE = new CanisterRole("scale");

    private static ScalePool pool(int initial, int min, int max) {
        return new ScalePool(ROLE, new ScalePoolPolicy(initial, min, max));
    }

    @Test
    void defaultsToOneInitialOneMinAndThirtyTwoMax() {
        assertEquals(1, ScalePoolPolicy.DEFAULT.initialWorkers());
        assertEquals(1, ScalePoolPolicy.DEFAULT.minWorkers());
        assertEquals(32, ScalePoolPolicy.DEFAULT.maxWorkers());
    }

    @Test
    void overridingOneFieldKeepsTheOtherDefaults() {
        assertEquals(new ScalePoolPolicy(1, 1, 4), ScalePoolPolicy.DEFAULT.withMaxWorkers(4));
        assertEquals(new ScalePoolPolicy(1, 2, 32), ScalePoolPolicy.DEFAULT.withMinWorkers(2));
        assertEquals(new ScalePoolPolicy(0, 1, 32), ScalePoolPolicy.DEFAULT.withInitialWorkers(0));
    }

    @Test
    void treatsOnlyPositiveMaxAsBounded() {
        assertTrue(new ScalePoolPolicy(1, 1, 1).bounded());
        assertEquals(false, new ScalePoolPolicy(1, 1, 0).bounded());
    }

    @Test
    void refusesPolicyValuesOutsideU32NamingTheField() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScalePoolPolicy.ofU32(1, -1, 3));
        assertTrue(e.getMessage().contains("min_workers"), e.getMessage());
        assertTrue(e.getMessage().contains("0 to 4294967295"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScalePoolPolicy.ofU32(-2, 1, 3));
        assertTrue(e.getMessage().contains("initial_workers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScalePoolPolicy.ofU32(1, 1, -3));
        assertTrue(e.getMessage().contains("max_workers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ScalePoolPolicy.ofU32(1, 1, 4_294_967_296L));
        assertTrue(e.getMessage().contains("max_workers is 4294967296"), e.getMessage());
    }

    @Test
    void acceptsEveryU32ValueUpToTwoToTheThirtyTwoMinusOne() {
        ScalePoolPolicy top = ScalePoolPolicy.ofU32(4_294_967_295L, 2_147_483_648L, 0);
        assertEquals(4_294_967_295L, top.initialWorkersUnsigned());
        assertEquals(2_147_483_648L, top.minWorkersUnsigned());
        assertEquals(0, top.maxWorkersUnsigned());
        assertEquals(-1, top.initialWorkers(), "held as the int bit pattern");
        assertEquals(new ScalePoolPolicy(-1, Integer.MIN_VALUE, 0), top);
        assertEquals(ScalePoolPolicy.DEFAULT, ScalePoolPolicy.ofU32(1, 1, 32));
        assertTrue(top.toString().contains("initialWorkers=4294967295"), top.toString());
        assertTrue(new ScalePoolPolicy(1, 1, -1).bounded(), "max 2^32-1 is a maximum, not 'none'");
    }

    @Test
    void iteratesPoolsInNameOrderWhateverTheInsertionOrder() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("scales", pool(1, 1, 2))
                .pool("api", pool(1, 1, 2))
                .pool("scale10", pool(1, 1, 2))
                .pool("scale2", pool(1, 1, 2))
                .pool("Zeta", pool(1, 1, 2))
                .build();
        assertEquals(List.of("Zeta", "api", "scale10", "scale2", "scales"), new ArrayList<>(cfg.pools().keySet()));
    }

    @Test
    void iteratesPoolsInUtf8ByteOrderLikeRustStrings() {
        // U+FF21 (EF BC A1 in UTF-8) sorts before U+1F600 (F0 9F 98 80) in Rust's byte order, although
        // Java's UTF-16 order (0xFF21 vs surrogate 0xD83D) would put it after.
        String fullwidthA = "\uFF21";
        String emoji = new String(Character.toChars(0x1F600));
        Map<String, ScalePool> in = new LinkedHashMap<>();
        in.put(emoji, pool(1, 1, 2));
        in.put(fullwidthA, pool(1, 1, 2));
        in.put("z", pool(1, 1, 2));
        assertEquals(List.of("z", fullwidthA, emoji), new ArrayList<>(ScalingConfig.of(in).pools().keySet()));
        ScalingConfig built = ScalingConfig.builder().pool(emoji, pool(1, 1, 2)).pool(fullwidthA, pool(1, 1, 2)).build();
        assertEquals(List.of(fullwidthA, emoji), new ArrayList<>(built.pools().keySet()));
    }

    @Test
    void refusesAPoolDefinedTwice() {
        ScalingConfig.Builder b = ScalingConfig.builder().pool("api", pool(1, 1, 2));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> b.pool("api", pool(2, 2, 2)));
        assertTrue(e.getMessage().contains("'api'"), e.getMessage());
    }

    @Test
    void looksPoolsUpByName() {
        ScalingConfig cfg = ScalingConfig.builder().pool("api", pool(1, 2, 3)).build();
        assertEquals(pool(1, 2, 3), cfg.pool("api").orElseThrow());
        assertEquals(pool(1, 2, 3), cfg.poolOrNull("api"));
        assertTrue(cfg.pool("other").isEmpty());
        assertEquals(null, cfg.poolOrNull("other"));
    }

    @Test
    void isImmutableAfterBuilding() {
        ScalingConfig cfg = ScalingConfig.builder().pool("api", pool(1, 1, 2)).build();
        assertThrows(UnsupportedOperationException.class, () -> cfg.pools().put("x", pool(1, 1, 1)));
    }
}
