package org.caniclab.sim.substrate.pocketic;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.ManagementCandid.ProvisionalCreateArgs;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.caniclab.sim.substrate.management.CandidFormatException;

/**
 * General Candid decoding of the management calls, for tests and the fake management canister only: the
 * create argument as any encoder writes it, and the create reply read through the general {@link CandidReader}
 * (with record subtyping: extra fields and arguments of any type are ignored). Production reads only the reply,
 * with {@link ManagementCandid#decodeCanisterIdRecord}.
 *
 * <pre>{@code
 * ProvisionalCreateArgs a = CandidDecoding.decodeProvisionalCreateArgs(payload);
 * }</pre>
 */
final class CandidDecoding {
    private CandidDecoding() {}

    /**
     * Decodes a {@code provisional_create_canister_with_cycles} argument written by any encoder (the fake
     * management canister uses it; tests use it to check encodings by value).
     */
    static ProvisionalCreateArgs decodeProvisionalCreateArgs(byte[] bytes) {
        CandidReader.Message m = CandidReader.decode(bytes);
        CandidReader.Rec rec = firstRecord(m, "provisional_create_canister_with_cycles argument");
        Optional<BigInteger> amount = optField(m, rec, ManagementCandid.H_AMOUNT, "amount", CandidReader.T_NAT)
                .map(v -> (BigInteger) v);
        Optional<Principal> specified = optField(m, rec, ManagementCandid.H_SPECIFIED_ID, "specified_id", CandidReader.T_PRINCIPAL)
                .map(v -> (Principal) v);
        OptionalLong version = optField(m, rec, ManagementCandid.H_SENDER_CANISTER_VERSION, "sender_canister_version",
                CandidReader.T_NAT64).map(v -> OptionalLong.of(((BigInteger) v).longValue()))
                .orElse(OptionalLong.empty());
        Optional<List<Principal>> controllers = Optional.empty();
        Integer settingsType = rec.types().get(ManagementCandid.H_SETTINGS);
        if (settingsType != null) {
            int inner = requireOpt(m, settingsType, "settings");
            if (m.kind(inner) != CandidReader.T_RECORD) {
                throw mismatch("settings", "opt record {...}", m.describe(settingsType));
            }
            @SuppressWarnings("unchecked")
            Optional<Object> settings = (Optional<Object>) rec.values().get(ManagementCandid.H_SETTINGS);
            if (settings.isPresent()) {
                CandidReader.Rec s = (CandidReader.Rec) settings.get();
                Integer ct = s.types().get(ManagementCandid.H_CONTROLLERS);
                if (ct != null) {
                    int vec = requireOpt(m, ct, "settings.controllers");
                    if (m.kind(vec) != CandidReader.T_VEC || m.inner(vec) != CandidReader.T_PRINCIPAL) {
                        throw mismatch("settings.controllers", "opt vec principal", m.describe(ct));
                    }
                    @SuppressWarnings("unchecked")
                    Optional<Object> cs = (Optional<Object>) s.values().get(ManagementCandid.H_CONTROLLERS);
                    if (cs.isPresent()) {
                        List<Principal> list = new ArrayList<>();
                        for (Object o : (List<?>) cs.get()) {
                            list.add((Principal) o);
                        }
                        controllers = Optional.of(list);
                    }
                }
            }
        }
        return new ProvisionalCreateArgs(amount, controllers, specified, version);
    }

    /** Decodes {@code record { canister_id : principal }}; extra fields and extra arguments are ignored. */
    static Principal decodeCanisterIdRecord(byte[] bytes) {
        CandidReader.Message m = CandidReader.decode(bytes);
        CandidReader.Rec rec = firstRecord(m, "record { canister_id : principal }");
        Integer t = rec.types().get(ManagementCandid.H_CANISTER_ID);
        if (t == null) {
            throw new CandidFormatException("expected record { canister_id : principal }, but the record has no field"
                    + " canister_id (hash " + ManagementCandid.H_CANISTER_ID + "); its fields are " + rec.types().keySet());
        }
        if (t != CandidReader.T_PRINCIPAL) {
            throw mismatch("canister_id", "principal", m.describe(t));
        }
        return (Principal) rec.values().get(ManagementCandid.H_CANISTER_ID);
    }

    private static CandidReader.Rec firstRecord(CandidReader.Message m, String expected) {
        if (m.args().isEmpty()) {
            throw new CandidFormatException("expected " + expected + ", but the message has no arguments");
        }
        int t = m.argTypes().get(0);
        if (m.kind(t) != CandidReader.T_RECORD) {
            throw new CandidFormatException("expected " + expected + ", but the first argument is " + m.describe(t));
        }
        return (CandidReader.Rec) m.args().get(0);
    }

    /** An {@code opt <primitive>} field; absent fields read as none (record subtyping). */
    private static Optional<Object> optField(CandidReader.Message m, CandidReader.Rec rec, long hash, String name,
            int primitive) {
        Integer t = rec.types().get(hash);
        if (t == null) {
            return Optional.empty();
        }
        int inner = requireOpt(m, t, name);
        if (inner != primitive) {
            throw mismatch(name, "opt " + CandidReader.primitiveName(primitive), m.describe(t));
        }
        @SuppressWarnings("unchecked")
        Optional<Object> v = (Optional<Object>) rec.values().get(hash);
        return v;
    }

    private static int requireOpt(CandidReader.Message m, int t, String name) {
        if (m.kind(t) != CandidReader.T_OPT) {
            throw mismatch(name, "an opt type", m.describe(t));
        }
        return m.inner(t);
    }

    private static CandidFormatException mismatch(String field, String expected, String found) {
        return new CandidFormatException("field " + field + ": expected " + expected + ", found " + found);
    }
}
