package org.caniclab.core.ic;

import java.nio.charset.StandardCharsets;

/**
 * The role of a canister in a Canic configuration (the key of its {@code canisters.<role>} table).
 *
 * <pre>{@code
 * CanisterRole worker = new CanisterRole("scale");
 * }</pre>
 *
 * @param name the role name: non-empty, at most {@value #MAX_BYTES} UTF-8 bytes (Canic's name bound)
 */
public record CanisterRole(String name) implements Comparable<CanisterRole> {
    /** Canic's bound on role and pool names, in UTF-8 bytes. */
    public static final int MAX_BYTES = 40;

    public CanisterRole {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("canister role name is empty");
        }
        int len = name.getBytes(StandardCharsets.UTF_8).length;
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
