package org.caniclab.sim.substrate.ic;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.caniclab.core.ic.Principal;
import org.caniclab.sim.substrate.management.ManagementCandid;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLType;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Label;
import org.ic4j.candid.types.Type;

/**
 * The Candid of the cycles ledger's {@code create_canister} (canister {@value #LEDGER_TEXT}, the mainnet way for a
 * plain identity to create a canister, spec §D), encoded and decoded with ic4j-candid 0.7.2 around its two encoder
 * bugs (§B.3): every record is a {@link TreeMap} (ic4j writes fields in map order, and Candid wants them sorted by
 * hash), and no variant is ever encoded (ic4j writes index 0 whatever the case) — the argument has none.
 *
 * <p>Argument: {@code record { from_subaccount : opt blob; created_at_time : opt nat64; amount : nat; creation_args :
 * opt record { settings : opt record { controllers : opt vec principal } } }}, sent with only {@code amount} set: the
 * caller's default account pays, and the caller becomes the only controller. Reply: {@code variant { Ok : record {
 * block_id : nat; canister_id : principal }; Err : CreateCanisterError }}.
 *
 * <pre>{@code
 * byte[] arg = CyclesLedgerCandid.encodeCreateCanisterArgs(new BigInteger("1000000000000"));
 * CyclesLedgerCandid.Result r = CyclesLedgerCandid.decodeCreateCanisterResult(reply);
 * }</pre>
 */
final class CyclesLedgerCandid {
    static final String LEDGER_TEXT = "um5iw-rqaaa-aaaaq-qaaba-cai";
    /** The cycles ledger on mainnet. */
    static final Principal LEDGER = Principal.fromText(LEDGER_TEXT);
    static final String METHOD = "create_canister";
    /** The ledger's fee on top of {@code amount}, per creation (cycles-ledger spec). */
    static final BigInteger FEE = new BigInteger("100000000");

    private static final long H_OK = ManagementCandid.fieldHash("Ok");
    private static final long H_ERR = ManagementCandid.fieldHash("Err");
    private static final long H_CANISTER_ID = ManagementCandid.fieldHash("canister_id");
    private static final long H_BLOCK_ID = ManagementCandid.fieldHash("block_id");
    private static final long H_INSUFFICIENT_FUNDS = ManagementCandid.fieldHash("InsufficientFunds");
    private static final long H_BALANCE = ManagementCandid.fieldHash("balance");
    private static final long H_MESSAGE = ManagementCandid.fieldHash("message");
    private static final long H_ERROR = ManagementCandid.fieldHash("error");
    private static final String[] ERR_NAMES = {"InsufficientFunds", "TooOld", "CreatedInFuture",
        "TemporarilyUnavailable", "Duplicate", "FailedToCreate", "GenericError"};

    private CyclesLedgerCandid() {}

    /** The ledger's answer. */
    sealed interface Result {
        /** A canister was made; {@code blockId} is the ledger block that paid for it. */
        record Ok(Principal canisterId, BigInteger blockId) implements Result {}

        /** The ledger refused; {@code name} is the error case, {@code detail} what it carried. */
        record Err(String name, String detail) implements Result {
            boolean insufficientFunds() {
                return name.equals("InsufficientFunds");
            }
        }
    }

    static byte[] encodeCreateCanisterArgs(BigInteger amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount is negative: " + amount);
        }
        TreeMap<Label, IDLType> settings = new TreeMap<>();
        settings.put(label("controllers"), opt(IDLType.createType(Type.VEC, IDLType.createType(Type.PRINCIPAL))));
        TreeMap<Label, IDLType> creationArgs = new TreeMap<>();
        creationArgs.put(label("settings"), opt(IDLType.createType(Type.RECORD, settings)));
        TreeMap<Label, IDLType> type = new TreeMap<>();
        type.put(label("from_subaccount"), opt(IDLType.createType(Type.VEC, IDLType.createType(Type.NAT8))));
        type.put(label("created_at_time"), opt(IDLType.createType(Type.NAT64)));
        type.put(label("amount"), IDLType.createType(Type.NAT));
        type.put(label("creation_args"), opt(IDLType.createType(Type.RECORD, creationArgs)));
        TreeMap<Label, Object> value = new TreeMap<>();
        value.put(label("from_subaccount"), Optional.empty());
        value.put(label("created_at_time"), Optional.empty());
        value.put(label("amount"), amount);
        value.put(label("creation_args"), Optional.empty());
        return IDLArgs.create(List.of(IDLValue.create(value, IDLType.createType(Type.RECORD, type)))).toBytes();
    }

    /** Decodes the ledger's reply by field hash, so any encoder's type table reads the same. */
    static Result decodeCreateCanisterResult(byte[] reply) {
        Object v;
        try {
            List<IDLValue> args = IDLArgs.fromBytes(reply).getArgs();
            if (args.isEmpty()) {
                throw new IllegalArgumentException("no value");
            }
            v = args.get(0).getValue();
        } catch (RuntimeException e) {
            throw new AgentException(AgentException.Kind.PROTOCOL, "the cycles ledger's create_canister reply is not "
                    + "Candid: " + e.getMessage());
        }
        Map<?, ?> variant = map(v, "the reply");
        if (variant.size() != 1) {
            throw protocol("the reply is not a variant { Ok; Err }");
        }
        Map.Entry<?, ?> e = variant.entrySet().iterator().next();
        long h = hash(e.getKey());
        if (h == H_OK) {
            Map<?, ?> ok = map(e.getValue(), "Ok");
            Object pid = get(ok, H_CANISTER_ID);
            if (!(pid instanceof org.ic4j.types.Principal p)) {
                throw protocol("Ok has no canister_id principal");
            }
            Object block = get(ok, H_BLOCK_ID);
            return new Result.Ok(Principal.of(p.getValue()), block instanceof BigInteger b ? b : BigInteger.ZERO);
        }
        if (h == H_ERR) {
            Object err = e.getValue();
            if (err instanceof Map<?, ?> m && m.size() == 1) {
                Map.Entry<?, ?> c = m.entrySet().iterator().next();
                long ch = hash(c.getKey());
                String name = "case " + ch;
                for (String n : ERR_NAMES) {
                    if (ManagementCandid.fieldHash(n) == ch) {
                        name = n;
                    }
                }
                return new Result.Err(name, detail(ch, c.getValue()));
            }
            return new Result.Err("unknown", String.valueOf(err));
        }
        throw protocol("the reply's variant case has hash " + h + ", neither Ok nor Err");
    }

    private static String detail(long caseHash, Object payload) {
        if (!(payload instanceof Map<?, ?> m)) {
            return "";
        }
        if (caseHash == H_INSUFFICIENT_FUNDS && get(m, H_BALANCE) instanceof BigInteger b) {
            return "balance " + b;
        }
        for (long h : new long[] {H_ERROR, H_MESSAGE}) {
            if (get(m, h) instanceof String s) {
                return s;
            }
        }
        return "";
    }

    private static Object get(Map<?, ?> m, long hash) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (hash(e.getKey()) == hash) {
                return e.getValue();
            }
        }
        return null;
    }

    private static long hash(Object key) {
        if (key instanceof Label l) {
            if (l.getType() == Label.LabelType.NAMED) {
                return ManagementCandid.fieldHash((String) l.getValue());
            }
            return l.getId();
        }
        throw protocol("unexpected label " + key);
    }

    private static Map<?, ?> map(Object v, String what) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw protocol(what + " is not a record or variant");
    }

    private static AgentException protocol(String what) {
        return new AgentException(AgentException.Kind.PROTOCOL, "the cycles ledger's create_canister reply: " + what);
    }

    private static Label label(String name) {
        return Label.createNamedLabel(name);
    }

    private static IDLType opt(IDLType inner) {
        return IDLType.createType(Type.OPT, inner);
    }
}
