package org.caniclab.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.caniclab.core.ic.CanisterRole;
import org.caniclab.core.ic.Utf8;

/**
 * Canic 0.33.3's validation of a {@code scaling} table ({@code config/validation/subnet.rs}).
 *
 * <p>Rules: pool names at most 40 UTF-8 bytes (an empty name is valid, as in Canic); when {@code max_workers != 0},
 * {@code max_workers >= min_workers} and {@code max_workers >= initial_workers}, compared as the unsigned 32-bit
 * values they are. Nothing is checked when {@code max_workers == 0}, and {@code initial} is never compared with
 * {@code min}. With the roles of the subnet known, each pool's {@code canister_role} must be defined and of kind
 * {@code replica}. (Role names above 40 bytes cannot be built: see {@link CanisterRole}.)
 *
 * <pre>{@code
 * List<ConfigProblem> problems = ScalingConfigValidator.validate(cfg);
 * ScalingConfigValidator.requireValid(cfg);   // throws InvalidConfigException listing all problems
 * }</pre>
 */
public final class ScalingConfigValidator {
    /** Canic's bound on pool names, in UTF-8 bytes. */
    public static final int POOL_NAME_MAX_BYTES = 40;

    private ScalingConfigValidator() {}

    /** Problems with the pools alone (names and policy bounds), in pool order. */
    public static List<ConfigProblem> validate(ScalingConfig cfg) {
        return validate(cfg, null);
    }

    /** Problems including role references, checked against the subnet's roles and kinds when given. */
    public static List<ConfigProblem> validate(ScalingConfig cfg, Map<CanisterRole, CanisterKind> roles) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (Entry<String, ScalePool> e : cfg.pools().entrySet()) {
            String name = e.getKey();
            ScalePool pool = e.getValue();
            String at = "scaling.pools." + name;
            int len = Utf8.length(name);
            if (len > POOL_NAME_MAX_BYTES) {
                problems.add(new ConfigProblem(at, "pool name has " + len + " bytes; accepted are at most "
                        + POOL_NAME_MAX_BYTES + " bytes"));
            }
            ScalePoolPolicy p = pool.policy();
            if (p.maxWorkers() != 0 && Integer.compareUnsigned(p.maxWorkers(), p.minWorkers()) < 0) {
                problems.add(new ConfigProblem(at + ".policy.max_workers", "max_workers " + p.maxWorkersUnsigned()
                        + " is below min_workers " + p.minWorkersUnsigned()
                        + "; accepted is max_workers >= min_workers, or 0 for no maximum"));
            }
            if (p.maxWorkers() != 0 && Integer.compareUnsigned(p.maxWorkers(), p.initialWorkers()) < 0) {
                problems.add(new ConfigProblem(at + ".policy.initial_workers", "initial_workers "
                        + p.initialWorkersUnsigned() + " is above max_workers " + p.maxWorkersUnsigned()
                        + "; accepted is initial_workers <= max_workers when max_workers > 0"));
            }
            if (roles != null) {
                CanisterKind kind = roles.get(pool.canisterRole());
                if (kind == null) {
                    problems.add(new ConfigProblem(at + ".canister_role", "role '" + pool.canisterRole()
                            + "' is not defined in the subnet"));
                } else if (kind != CanisterKind.REPLICA) {
                    problems.add(new ConfigProblem(at + ".canister_role", "role '" + pool.canisterRole()
                            + "' has kind '" + kind.label() + "'; a scaling pool needs kind 'replica'"));
                }
            }
        }
        return problems;
    }

    /** Throws {@link InvalidConfigException} unless {@link #validate(ScalingConfig)} finds nothing. */
    public static ScalingConfig requireValid(ScalingConfig cfg) {
        List<ConfigProblem> problems = validate(cfg);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return cfg;
    }
}
