package org.caniclab.core.ic;

/**
 * The role of a canister in a Canic configuration (the key of its {@code canisters.<role>} table).
 *
 * <pre>{@code
 * CanisterRole worker = new CanisterRole("scale");
 * }</pre>
 *
 * <p>Canic's own role type takes any string; its configuration validation refuses role names above
 * {@value #MAX_BYTES} bytes in every subnet's {@code canisters} table, which every pool's role must name. No valid
 * configuration has a longer role, so this type refuses one at construction. An empty name is valid in Canic, and
 * here.
 *
 * @param name the role name: at most {@value #MAX_BYTES} UTF-8 bytes (Canic's name bound), possibly empty
 */
public record CanisterRole(String name) implements Comparable<CanisterRole> {
    /** Canic's bound on role and pool names, in UTF-8 bytes. */
    public static final int MAX_BYTES = 40;

    public CanisterRole {
        if (name == null) {
            throw new IllegalArgumentException("canister role name is missing");
        }
        int len = Utf8.length(name);
        if (len > MAX_BYTES) {
            throw new IllegalArgumentException("canister role '" + name + "' has " + len
                    + " bytes; at most " + MAX_BYTES + " are accepted");
        }
    }

    @Override
    public int compareTo(CanisterRole o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
