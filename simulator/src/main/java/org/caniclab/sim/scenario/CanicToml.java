package org.caniclab.sim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caniclab.core.config.CanisterKind;
import org.caniclab.core.config.ConfigProblem;
import org.caniclab.core.config.ScalePool;
import org.caniclab.core.config.ScalePoolPolicy;
import org.caniclab.core.config.ScalingConfig;
import org.caniclab.core.config.ScalingConfigValidator;
import org.caniclab.core.ic.CanisterRole;

/**
 * Reads the scaling pools of one hub from a Canic 0.33.3 {@code canic.toml} (spec §5): the hub's
 * {@code subnets.<subnet>.canisters.<hub>.scaling.pools.*} and each worker role's {@code initial_cycles},
 * checked with Canic's rules (§5.3, scaling part): kinds, singleton-only pool owners, role references and
 * the policy bounds through {@link ScalingConfigValidator}. Tables on the way to the pools reject unknown
 * keys, as Canic's {@code deny_unknown_fields} does; parts canic-lab does not model (sharding, directory,
 * top-up policies, the spare pool) are accepted without checking their contents.
 */
final class CanicToml {
    /** A pool as {@code canic.toml} defines it. */
    record Pool(String name, CanisterRole role, ScalePoolPolicy policy, long initialCycles) {}

    /** The hub found and its pools, in name order. */
    record Hub(String subnet, String hub, Map<String, Pool> pools) {}

    private static final List<String> SUBNET_KEYS = List.of("canisters", "auto_create", "subnet_index", "pool");
    private static final List<String> CANISTER_KEYS = List.of(
            "kind", "initial_cycles", "topup_policy", "randomness", "scaling", "sharding", "directory", "auth",
            "standards");
    private static final Map<String, CanisterKind> KINDS = new LinkedHashMap<>();

    static {
        for (CanisterKind k : CanisterKind.values()) {
            KINDS.put(k.label(), k);
        }
    }

    private CanicToml() {}

    /**
     * @param source the parsed {@code canic.toml}
     * @param hubName the hub role to read, or null for the only role with a {@code scaling} table
     * @param subnetName the subnet to look in, or null for all
     * @param where reports problems with the scenario's {@code [canic]} keys
     */
    static Hub read(Source source, String hubName, String subnetName, TomlTable where) {
        TomlTable root = new TomlTable(source, KeyPath.ROOT, source.root());
        TomlTable subnets = root.table("subnets");
        if (subnets == null || subnets.keys().isEmpty()) {
            throw source.error(KeyPath.ROOT.child("subnets"), "no [subnets.<name>] table; a Canic 0.33.3 config "
                    + "declares its canisters under subnets.<subnet>.canisters.<role>");
        }
        List<String> subnetNames = subnets.keys();
        if (subnetName != null && !subnetNames.contains(subnetName)) {
            throw where.error("subnet", "no subnet '" + subnetName + "' in " + source.display()
                    + TomlTable.suggestion(subnetName, subnetNames) + "; accepted: " + String.join(", ", subnetNames));
        }
        // (subnet, role) of every canister with a scaling table, and of the named hub.
        List<String[]> withScaling = new ArrayList<>();
        List<String[]> named = new ArrayList<>();
        Map<String, Map<CanisterRole, CanisterKind>> kindsBySubnet = new TreeMap<>();
        Map<String, TomlTable> canistersBySubnet = new TreeMap<>();
        for (String s : subnetNames) {
            if (subnetName != null && !subnetName.equals(s)) {
                continue;
            }
            TomlTable subnet = subnets.table(s);
            subnet.onlyKeys("[subnets." + KeyPath.quote(s) + "]", SUBNET_KEYS);
            TomlTable canisters = subnet.tableOrEmpty("canisters");
            canistersBySubnet.put(s, canisters);
            Map<CanisterRole, CanisterKind> kinds = new TreeMap<>();
            for (String role : canisters.keys()) {
                TomlTable c = canisters.table(role);
                c.onlyKeys("[" + c.path() + "]", CANISTER_KEYS);
                CanisterKind kind = c.choice("kind", KINDS, null, "canister kind");
                CanisterRole r = role(c, role);
                kinds.put(r, kind);
                if (c.has("scaling")) {
                    if (kind != CanisterKind.SINGLETON) {
                        throw c.error("scaling", "a role of kind '" + kind.label() + "' may not define scaling; "
                                + "accepted: scaling tables on kind = \"singleton\" roles only (Canic 0.33.3)");
                    }
                    withScaling.add(new String[] {s, role});
                }
                if (role.equals(hubName)) {
                    named.add(new String[] {s, role});
                }
            }
            kindsBySubnet.put(s, kinds);
        }

        String[] chosen;
        if (hubName != null) {
            if (named.isEmpty()) {
                throw where.error("hub", "no canister '" + hubName + "' in " + source.display() + "; roles with a scaling "
                        + "table: " + roles(withScaling));
            }
            if (named.size() > 1) {
                throw where.error("hub", "canister '" + hubName + "' is defined in several subnets; set canic.subnet to one "
                        + "of: " + String.join(", ", named.stream().map(n -> n[0]).toList()));
            }
            chosen = named.get(0);
        } else {
            if (withScaling.isEmpty()) {
                throw where.error("no canister in " + source.display() + " has a scaling table; accepted: a config with "
                        + "a singleton role that defines scaling.pools");
            }
            if (withScaling.size() > 1) {
                throw where.error("several canisters in " + source.display() + " have a scaling table; set canic.hub to "
                        + "one of: " + roles(withScaling));
            }
            chosen = withScaling.get(0);
        }

        TomlTable canisters = canistersBySubnet.get(chosen[0]);
        TomlTable hub = canisters.table(chosen[1]);
        if (!hub.has("scaling")) {
            throw where.error("hub", "canister '" + chosen[1] + "' in " + source.display() + " has no scaling table; "
                    + "roles with a scaling table: " + roles(withScaling));
        }
        TomlTable scaling = hub.table("scaling");
        scaling.onlyKeys("[" + scaling.path() + "]", "pools");
        TomlTable pools = scaling.tableOrEmpty("pools");
        if (pools.keys().isEmpty()) {
            throw scaling.error("the hub's scaling table has no pools; accepted: one or more "
                    + "[" + scaling.path() + ".pools.<name>] tables");
        }
        ScalingConfig.Builder cfg = ScalingConfig.builder();
        Map<String, TomlTable> poolTables = new TreeMap<>();
        for (String name : pools.keys()) {
            TomlTable p = pools.table(name);
            p.onlyKeys("[" + p.path() + "]", "canister_role", "policy");
            CanisterRole role = role(p, p.string("canister_role", null), "canister_role");
            cfg.pool(name, new ScalePool(role, ScenarioLoader.policy(p)));
            poolTables.put(name, p);
        }
        ScalingConfig config = cfg.build();
        List<ConfigProblem> problems = ScalingConfigValidator.validate(config, kindsBySubnet.get(chosen[0]));
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw source.error(ScenarioLoader.problemPath(pools.path(), first.path(), config.pools().keySet()),
                    first.message());
        }

        Map<String, Pool> out = new TreeMap<>();
        for (Map.Entry<String, ScalePool> e : config.pools().entrySet()) {
            TomlTable roleTable = canisters.table(e.getValue().canisterRole().name());
            long initialCycles = roleTable.cycles("initial_cycles", ScenarioLoader.DEFAULT_INITIAL_CYCLES);
            out.put(e.getKey(), new Pool(e.getKey(), e.getValue().canisterRole(), e.getValue().policy(), initialCycles));
        }
        return new Hub(chosen[0], chosen[1], out);
    }

    private static CanisterRole role(TomlTable t, String name) {
        try {
            return new CanisterRole(name);
        } catch (IllegalArgumentException e) {
            throw t.error(e.getMessage() + "; accepted: 1 to " + CanisterRole.MAX_BYTES + " bytes");
        }
    }

    private static CanisterRole role(TomlTable t, String name, String key) {
        try {
            return new CanisterRole(name);
        } catch (IllegalArgumentException e) {
            throw t.error(key, e.getMessage() + "; accepted: 1 to " + CanisterRole.MAX_BYTES + " bytes");
        }
    }

    private static String roles(List<String[]> found) {
        return found.isEmpty() ? "(none)" : String.join(", ", found.stream().map(n -> n[1]).toList());
    }

    static String displayOf(Path scenarioDisplay, String file) {
        Path parent = scenarioDisplay.getParent();
        return (parent == null ? Path.of(file) : parent.resolve(file)).normalize().toString();
    }
}
