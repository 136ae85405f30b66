package org.caniclab.sim.substrate.management;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.caniclab.core.ic.Principal;

/**
 * The Candid of the one management-canister call the PocketIC substrate makes, written by hand:
 * {@code provisional_create_canister_with_cycles}'s argument
 * {@code record { amount : opt nat; settings : opt record { controllers : opt vec principal };
 * specified_id : opt principal; sender_canister_version : opt nat64 }} and its reply
 * {@code record { canister_id : principal }}.
 *
 * <p>Encoding emits the smallest type table for exactly these types, fields sorted by Candid field hash
 * ({@link #fieldHash}). Decoding is only what production needs, the reply's canister id: a record with
 * extra primitive fields, or followed by extra primitive arguments, still reads; malformed input throws
 * {@link CandidFormatException}. (The fake management canister's general Candid reader is test code.)
 *
 * <pre>{@code
 * byte[] arg = ManagementCandid.encodeProvisionalCreateArgs(
 *         ProvisionalCreateArgs.of(new BigInteger("5000000000000"), List.of(hub, root)));
 * // ... submit it to aaaaa-aa, await the reply ...
 * Principal created = ManagementCandid.decodeCanisterIdRecord(reply);
 * }</pre>
 */
public final class ManagementCandid {
    /** The method this class encodes arguments for. */
    public static final String PROVISIONAL_CREATE = "provisional_create_canister_with_cycles";

    public static final long H_AMOUNT = fieldHash("amount");
    public static final long H_SETTINGS = fieldHash("settings");
    public static final long H_SPECIFIED_ID = fieldHash("specified_id");
    public static final long H_SENDER_CANISTER_VERSION = fieldHash("sender_canister_version");
    public static final long H_CONTROLLERS = fieldHash("controllers");
    public static final long H_CANISTER_ID = fieldHash("canister_id");

    private ManagementCandid() {}

    /**
     * The argument of {@code provisional_create_canister_with_cycles}; empty optionals encode as Candid
     * {@code null}. {@code controllers} empty means "no settings" (the IC then makes the sender the only
     * controller); present but an empty list means "no controllers at all".
     *
     * <pre>{@code
     * ProvisionalCreateArgs a = ProvisionalCreateArgs.of(new BigInteger("2000000000000"), List.of(root));
     * }</pre>
     */
    public record ProvisionalCreateArgs(Optional<BigInteger> amount, Optional<List<Principal>> controllers,
            Optional<Principal> specifiedId, OptionalLong senderCanisterVersion) {
        public ProvisionalCreateArgs {
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(controllers, "controllers");
            Objects.requireNonNull(specifiedId, "specifiedId");
            Objects.requireNonNull(senderCanisterVersion, "senderCanisterVersion");
            amount.ifPresent(a -> {
                if (a.signum() < 0) {
                    throw new IllegalArgumentException("amount is negative: " + a);
                }
            });
            controllers = controllers.map(List::copyOf);
        }

        /** An explicit cycles amount and controllers; no specified id, no sender version. */
        public static ProvisionalCreateArgs of(BigInteger amount, List<Principal> controllers) {
            return new ProvisionalCreateArgs(Optional.of(amount), Optional.of(controllers), Optional.empty(),
                    OptionalLong.empty());
        }
    }

    /** Candid's field hash: {@code h = h * 223 + byte (mod 2^32)} over the UTF-8 bytes of the name. */
    public static long fieldHash(String name) {
        long h = 0;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h * 223 + (b & 0xff)) & 0xFFFF_FFFFL;
        }
        return h;
    }

    /** Encodes the argument of {@code provisional_create_canister_with_cycles}. */
    public static byte[] encodeProvisionalCreateArgs(ProvisionalCreateArgs args) {
        CandidWriter w = new CandidWriter().magic();
        // Type table: 0 opt nat; 1 vec principal; 2 opt 1; 3 record {controllers: 2}; 4 opt 3;
        // 5 opt principal; 6 opt nat64; 7 the argument record.
        w.uleb(8);
        w.raw(CandidWriter.OPT).raw(CandidWriter.NAT);
        w.raw(CandidWriter.VEC).raw(CandidWriter.PRINCIPAL);
        w.raw(CandidWriter.OPT).uleb(1);
        w.raw(CandidWriter.RECORD).uleb(1).uleb(H_CONTROLLERS).uleb(2);
        w.raw(CandidWriter.OPT).uleb(3);
        w.raw(CandidWriter.OPT).raw(CandidWriter.PRINCIPAL);
        w.raw(CandidWriter.OPT).raw(CandidWriter.NAT64);
        long[][] fields = {{H_AMOUNT, 0}, {H_SETTINGS, 4}, {H_SPECIFIED_ID, 5}, {H_SENDER_CANISTER_VERSION, 6}};
        java.util.Arrays.sort(fields, (a, b) -> Long.compare(a[0], b[0]));
        w.raw(CandidWriter.RECORD).uleb(fields.length);
        for (long[] f : fields) {
            w.uleb(f[0]).uleb(f[1]);
        }
        w.uleb(1).uleb(7); // one argument of type 7
        for (long[] f : fields) {
            long h = f[0];
            if (h == H_AMOUNT) {
                if (args.amount().isPresent()) {
                    w.raw(1).uleb(args.amount().get());
                } else {
                    w.raw(0);
                }
            } else if (h == H_SETTINGS) {
                if (args.controllers().isPresent()) {
                    List<Principal> cs = args.controllers().get();
                    w.raw(1).raw(1).uleb(cs.size()); // settings = opt record { controllers = opt vec {...} }
                    for (Principal c : cs) {
                        w.principal(c);
                    }
                } else {
                    w.raw(0);
                }
            } else if (h == H_SPECIFIED_ID) {
                if (args.specifiedId().isPresent()) {
                    w.raw(1).principal(args.specifiedId().get());
                } else {
                    w.raw(0);
                }
            } else {
                if (args.senderCanisterVersion().isPresent()) {
                    w.raw(1).nat64(args.senderCanisterVersion().getAsLong());
                } else {
                    w.raw(0);
                }
            }
        }
        return w.toByteArray();
    }

    /** Encodes {@code record { canister_id : principal }} (the create reply; also the argument of status/stop/start/delete). */
    public static byte[] encodeCanisterIdRecord(Principal canisterId) {
        return new CandidWriter().magic()
                .uleb(1).raw(CandidWriter.RECORD).uleb(1).uleb(H_CANISTER_ID).raw(CandidWriter.PRINCIPAL)
                .uleb(1).uleb(0)
                .principal(canisterId)
                .toByteArray();
    }

    /**
     * Decodes the create reply {@code record { canister_id : principal }}; extra primitive fields and extra
     * primitive arguments are ignored (record subtyping), anything else is a {@link CandidFormatException}.
     */
    public static Principal decodeCanisterIdRecord(byte[] bytes) {
        return CanisterIdReplyReader.read(bytes);
    }
}
