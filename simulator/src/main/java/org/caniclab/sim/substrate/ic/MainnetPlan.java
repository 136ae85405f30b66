package org.caniclab.sim.substrate.ic;

import java.math.BigInteger;
import java.util.Objects;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.model.PoolSpec;
import org.caniclab.sim.model.Scenario;
import org.caniclab.sim.model.ScheduledCall;

/**
 * What a mainnet run may spend, computed from the scenario before anything is sent and printed for the user to
 * confirm with {@code --yes-spend-cycles}: at most {@link #creates} canister creations (the bootstrap's initial
 * workers plus one per scheduled {@code create_worker}: the workflow creates at most one canister per call), each
 * given {@link #cyclesEach} cycles plus the cycles ledger's fee, paid by {@link #payer}'s cycles-ledger account. The
 * backend refuses any create beyond the plan.
 *
 * <pre>{@code
 * MainnetPlan plan = MainnetPlan.of(scenario, BigInteger.valueOf(5_000_000_000_000L), identity.principal());
 * System.out.print(plan.render());
 * }</pre>
 *
 * @param creates the most canisters the run can create
 * @param cyclesEach the cycles each new canister is given
 * @param feeEach the cycles ledger's fee per creation
 * @param payer the principal whose cycles-ledger account pays
 */
public record MainnetPlan(long creates, BigInteger cyclesEach, BigInteger feeEach, Principal payer) {
    public MainnetPlan {
        Objects.requireNonNull(cyclesEach, "cyclesEach");
        Objects.requireNonNull(feeEach, "feeEach");
        Objects.requireNonNull(payer, "payer");
        if (creates < 0 || cyclesEach.signum() < 0 || feeEach.signum() < 0) {
            throw new IllegalArgumentException("a plan counts up: " + creates + ", " + cyclesEach + ", " + feeEach);
        }
    }

    /** The plan for {@code scenario}'s bootstrap and calls, {@code cyclesEach} per canister, paid by {@code payer}. */
    public static MainnetPlan of(Scenario scenario, BigInteger cyclesEach, Principal payer) {
        return new MainnetPlan(maxCreates(scenario), cyclesEach, CyclesLedgerCandid.FEE, payer);
    }

    /** The most creates the scenario's bootstrap and {@code [[calls]]} can cause. */
    public static long maxCreates(Scenario scenario) {
        long n = 0;
        if (scenario.hub().bootstrap()) {
            for (PoolSpec p : scenario.pools()) {
                n += p.policy().initialWorkers();
            }
        }
        for (ScheduledCall c : scenario.calls()) {
            if (c.kind() == ScheduledCall.Kind.CREATE_WORKER) {
                n += c.count();
            }
        }
        return n;
    }

    /** The most the run can spend: creates x (cycles each + fee). */
    public BigInteger total() {
        return cyclesEach.add(feeEach).multiply(BigInteger.valueOf(creates));
    }

    /** The plan as printed before a mainnet run, several lines, each ending in a newline. */
    public String render() {
        return "mainnet plan:\n"
                + "  creates      at most " + creates + " canister" + (creates == 1 ? "" : "s")
                + " through the cycles ledger " + CyclesLedgerCandid.LEDGER_TEXT + "\n"
                + "  cycles each  " + cyclesEach + " + ledger fee " + feeEach + "\n"
                + "  total        at most " + total() + " cycles\n"
                + "  paid by      " + payer + " (its cycles-ledger account)\n";
    }
}
