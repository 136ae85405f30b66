package org.caniclab.sim.model;


/**
 * Documented defaults for the simulated IC, with where each figure comes from
 * ({@code spec/ic-backends.md} §D, {@code spec/canic-semantics.md} Appendix A). A scenario that omits an
 * {@code [ic]} key should get the value here.
 */
public final class IcDefaults {
    private IcDefaults() {}

    /**
     * One round (block): about 0.9 s on typical 13-node application subnets (§D Latency, [S32]; blocks
     * come at 0.75–1.5 per second depending on the subnet, [S28]).
     */
    public static final long ROUND_NANOS = 900_000_000L;

    /** Same-subnet call hub ↔ root: "within the same or the next round" (§D Latency); we take the next. */
    public static final int CALL_LATENCY_ROUNDS = 1;

    /** Cross-subnet (XNet) call: "several rounds, a few seconds" (§D Latency; an estimate, no SLA). */
    public static final int XNET_CALL_LATENCY_ROUNDS = 3;

    /** Canister creation fee on a 13-node subnet: 500B cycles (§D Fees, [S26]). */
    public static final long CREATION_FEE_CYCLES = 500_000_000_000L;

    /** A role's {@code initial_cycles} default in Canic 0.33.3: 5T (semantics Appendix A, §4.5). */
    public static final long INITIAL_CYCLES = 5_000_000_000_000L;

    /** Per-subnet canister cap, 120k since 2024 (§D Limits, [S29]; raised to 250k later, [S30]). */
    public static final int SUBNET_CANISTER_LIMIT = 120_000;

    /** Root's starting balance: not a documented figure; generous (200 creations at 5T). */
    public static final long ROOT_CYCLES = 1_000_000_000_000_000L;

    /** A canister's input queue per caller: 500 messages (§D Limits, [S28]); a per-round queue bound. */
    public static final int QUEUE_CAPACITY = 500;

    /** At most 1000 messages per block (§D Limits, [S28]): an upper bound for per-round capacity. */
    public static final int MESSAGES_PER_ROUND = 1000;

    /**
     * Root's create pipeline once the request is delivered: about five awaits (module resolution,
     * management {@code create_canister}, {@code install_code}, topology cascade, state cascade; semantics
     * §4.2), each a same-subnet round trip of about one round; log-normal around 5 rounds (4.5 s). An
     * estimate built from §D's round time, not a measured figure.
     */
    public static final Distribution CREATE_LATENCY = new Distribution.LogNormal(5 * ROUND_NANOS, 0.25);

    /** An {@link IcModel} with every default above. */
    public static IcModel model() {
        return new IcModel(ROUND_NANOS, CALL_LATENCY_ROUNDS, CREATE_LATENCY, CREATION_FEE_CYCLES, ROOT_CYCLES,
                SUBNET_CANISTER_LIMIT);
    }
}
