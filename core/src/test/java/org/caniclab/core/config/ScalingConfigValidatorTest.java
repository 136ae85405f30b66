package org.caniclab.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.caniclab.core.ic.CanisterRole;
import org.junit.jupiter.api.Test;

class ScalingConfigValidatorTest {
    private static final CanisterRole SCALE = new CanisterRole("scale");

    private static ScalingConfig single(String name, int initial, int min, int max) {
        return ScalingConfig.builder()
                .pool(name, new ScalePool(SCALE, new ScalePoolPolicy(initial, min, max)))
                .build();
    }

    @Test
    void acceptsDefaultPolicy() {
        assertEquals(List.of(), ScalingConfigValidator.validate(
                ScalingConfig.builder().pool("p", new ScalePool(SCALE, ScalePoolPolicy.DEFAULT)).build()));
    }

    @Test
    void rejectsMaxBelowMinWhenBoundedNamingPoolAndField() {
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single("p", 1, 5, 3));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("scaling.pools.p.policy.max_workers", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("3") && problems.get(0).message().contains("5"),
                problems.get(0).message());
    }

    @Test
    void rejectsInitialAboveMaxWhenBoundedNamingPoolAndField() {
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single("p", 4, 1, 3));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("scaling.pools.p.policy.initial_workers", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("4") && problems.get(0).message().contains("3"),
                problems.get(0).message());
    }

    @Test
    void reportsBothBoundProblemsOfOnePool() {
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single("p", 4, 5, 3));
        assertEquals(List.of("scaling.pools.p.policy.max_workers", "scaling.pools.p.policy.initial_workers"),
                problems.stream().map(ConfigProblem::path).toList());
    }

    @Test
    void acceptsMaxEqualToMinAndInitial() {
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 3, 3, 3)));
    }

    @Test
    void acceptsAnyMinAndInitialWhenMaxIsZero() {
        for (int initial = 0; initial <= 40; initial++) {
            for (int min = 0; min <= 40; min++) {
                int fi = initial;
                int fm = min;
                assertEquals(List.of(), ScalingConfigValidator.validate(single("p", initial, min, 0)),
                        () -> "initial=" + fi + " min=" + fm + " max=0");
            }
        }
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 1_000_000, 500_000, 0)));
    }

    @Test
    void acceptsInitialBelowMin() {
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 1, 2, 4)));
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 0, 4, 4)));
    }

    @Test
    void acceptsInitialAboveMinWithinMax() {
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 4, 1, 4)));
    }

    @Test
    void rejectsPoolNameLongerThanFortyBytesNamingThePool() {
        String name41 = "a".repeat(41);
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single(name41, 1, 1, 32));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("scaling.pools." + name41, problems.get(0).path());
        assertTrue(problems.get(0).message().contains("41"), problems.get(0).message());
        assertEquals(List.of(), ScalingConfigValidator.validate(single("a".repeat(40), 1, 1, 32)));
    }

    @Test
    void measuresPoolNameInUtf8BytesNotCharacters() {
        assertEquals(List.of(), ScalingConfigValidator.validate(single("é".repeat(20), 1, 1, 32))); // 40 bytes
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single("é".repeat(21), 1, 1, 32));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("42"), problems.get(0).message());
    }

    @Test
    void requiresReplicaKindForPoolRoleWhenRolesAreGiven() {
        ScalingConfig cfg = single("p", 1, 1, 32);
        assertEquals(List.of(), ScalingConfigValidator.validate(cfg, Map.of(SCALE, CanisterKind.REPLICA)));
        for (CanisterKind kind : CanisterKind.values()) {
            if (kind == CanisterKind.REPLICA) {
                continue;
            }
            List<ConfigProblem> problems = ScalingConfigValidator.validate(cfg, Map.of(SCALE, kind));
            assertEquals(1, problems.size(), () -> kind + ": " + problems);
            assertEquals("scaling.pools.p.canister_role", problems.get(0).path());
            assertTrue(problems.get(0).message().contains("'" + kind.label() + "'"), problems.get(0).message());
            assertTrue(problems.get(0).message().contains("'scale'"), problems.get(0).message());
        }
    }

    @Test
    void requiresPoolRoleToBeDefinedWhenRolesAreGiven() {
        List<ConfigProblem> problems = ScalingConfigValidator.validate(single("p", 1, 1, 32),
                Map.of(new CanisterRole("other"), CanisterKind.REPLICA));
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("scaling.pools.p.canister_role", problems.get(0).path());
        assertTrue(problems.get(0).message().contains("'scale'"), problems.get(0).message());
    }

    @Test
    void ignoresRoleKindsWhenNoRolesAreGiven() {
        assertEquals(List.of(), ScalingConfigValidator.validate(single("p", 1, 1, 32), null));
    }

    @Test
    void listsProblemsOfEveryPoolInNameOrder() {
        ScalingConfig cfg = ScalingConfig.builder()
                .pool("zz", new ScalePool(SCALE, new ScalePoolPolicy(1, 5, 3)))
                .pool("aa", new ScalePool(SCALE, new ScalePoolPolicy(4, 1, 3)))
                .pool("mm", new ScalePool(SCALE, ScalePoolPolicy.DEFAULT))
                .build();
        assertEquals(List.of("scaling.pools.aa.policy.initial_workers", "scaling.pools.zz.policy.max_workers"),
                ScalingConfigValidator.validate(cfg).stream().map(ConfigProblem::path).toList());
    }

    @Test
    void requireValidThrowsWithEveryProblemAndReturnsValidConfigs() {
        ScalingConfig bad = ScalingConfig.builder()
                .pool("a", new ScalePool(SCALE, new ScalePoolPolicy(1, 5, 3)))
                .pool("b", new ScalePool(SCALE, new ScalePoolPolicy(4, 1, 3)))
                .build();
        InvalidConfigException e =
                assertThrows(InvalidConfigException.class, () -> ScalingConfigValidator.requireValid(bad));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("scaling.pools.a.policy.max_workers"), e.getMessage());
        assertTrue(e.getMessage().contains("scaling.pools.b.policy.initial_workers"), e.getMessage());
        ScalingConfig good = single("p", 1, 1, 32);
        assertSame(good, ScalingConfigValidator.requireValid(good));
    }
}
