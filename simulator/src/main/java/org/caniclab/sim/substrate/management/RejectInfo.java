package org.caniclab.sim.substrate.management;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.caniclab.core.error.CanicError;
import org.caniclab.core.error.ErrorCode;

/**
 * Why the IC (here: PocketIC) rejected a message, read leniently from every shape PocketIC v4–v15 uses:
 * the v8+ {@code RejectResponse}, whose codes the server writes as enum names ({@code "CanisterReject"},
 * {@code "InsufficientCyclesForCreateCanister"}) — numbers are accepted too, as some clients' types declare
 * them —, the pre-v8 {@code {"code","description"}} error and the pre-v8 {@code {"Reject": "text"}} reply; and
 * a message the server refused at submission ({@link #refusedAtSubmission}).
 *
 * <pre>{@code
 * try {
 *     instance.updateCall(call);
 * } catch (IngressRejectedException e) {
 *     if (e.reject().isOutOfCycles()) { ... }
 *     System.err.println(e.reject());   // reject code 4 (CanisterReject), IC0403 InsufficientCyclesFor...: ...
 * }
 * }</pre>
 *
 * @param rejectCode      1 SysFatal … 6 SysUnknown; 0 when the server did not say
 * @param rejectCodeName  the name of the reject code ({@code CanisterReject}), or what the server sent
 * @param errorCode       {@code ICxxxx}, or empty when unknown
 * @param errorName       the error code's name ({@code InsufficientCyclesForCreateCanister}), or empty
 * @param message         the reject message
 * @param certified       whether the server says the reject is certified (false when not given)
 */
public record RejectInfo(int rejectCode, String rejectCodeName, String errorCode, String errorName, String message,
        boolean certified) {
    private static final String[] REJECT_NAMES = {"", "SysFatal", "SysTransient", "DestinationInvalid",
        "CanisterReject", "CanisterError", "SysUnknown"};
    private static final Map<Integer, String> ERROR_NAMES = new TreeMap<>();
    private static final Map<String, Integer> ERROR_NUMBERS = new TreeMap<>();

    static {
        // The current table (pocket-ic's ErrorCode), then numbers only older servers used.
        Object[] current = {
            101, "SubnetOversubscribed", 102, "MaxNumberOfCanistersReached",
            201, "CanisterQueueFull", 202, "IngressMessageTimeout", 203, "CanisterQueueNotEmpty",
            204, "IngressHistoryFull", 205, "CanisterIdAlreadyExists", 206, "StopCanisterRequestTimeout",
            207, "CanisterOutOfCycles", 208, "CertifiedStateUnavailable", 209, "CanisterInstallCodeRateLimited",
            210, "CanisterHeapDeltaRateLimited",
            301, "CanisterNotFound", 305, "CanisterSnapshotNotFound",
            402, "InsufficientMemoryAllocation", 403, "InsufficientCyclesForCreateCanister", 404, "SubnetNotFound",
            405, "CanisterNotHostedBySubnet", 406, "CanisterRejectedMessage", 407, "UnknownManagementMessage",
            408, "InvalidManagementPayload", 409, "CanisterSnapshotImmutable",
            502, "CanisterTrapped", 503, "CanisterCalledTrap", 504, "CanisterContractViolation",
            505, "CanisterInvalidWasm", 506, "CanisterDidNotReply", 507, "CanisterOutOfMemory",
            508, "CanisterStopped", 509, "CanisterStopping", 510, "CanisterNotStopped",
            511, "CanisterStoppingCancelled", 512, "CanisterInvalidController", 513, "CanisterFunctionNotFound",
            514, "CanisterNonEmpty", 517, "QueryCallGraphLoopDetected", 520, "InsufficientCyclesInCall",
            521, "CanisterWasmEngineError", 522, "CanisterInstructionLimitExceeded",
            524, "CanisterMemoryAccessLimitExceeded", 525, "QueryCallGraphTooDeep",
            // v12 (pocket-ic's ErrorCode from then on): the rest of the 5xx block and the 6xx SysUnknown block.
            526, "QueryCallGraphTotalInstructionLimitExceeded", 527, "CompositeQueryCalledInReplicatedMode",
            528, "QueryTimeLimitExceeded", 529, "QueryCallGraphInternal",
            530, "InsufficientCyclesInComputeAllocation", 531, "InsufficientCyclesInMemoryAllocation",
            532, "InsufficientCyclesInMemoryGrow", 533, "ReservedCyclesLimitExceededInMemoryAllocation",
            534, "ReservedCyclesLimitExceededInMemoryGrow", 535, "InsufficientCyclesInMessageMemoryGrow",
            536, "CanisterMethodNotFound", 537, "CanisterWasmModuleNotFound", 538, "CanisterAlreadyInstalled",
            539, "CanisterWasmMemoryLimitExceeded", 540, "ReservedCyclesLimitIsTooLow",
            601, "DeadlineExpired", 602, "ResponseDropped",
        };
        for (int i = 0; i < current.length; i += 2) {
            ERROR_NAMES.put((Integer) current[i], (String) current[i + 1]);
            ERROR_NUMBERS.put((String) current[i + 1], (Integer) current[i]);
        }
        Object[] legacy = {501, "CanisterOutOfCycles", 515, "CertifiedStateUnavailable", 516, "CanisterRejectedMessage",
            518, "UnknownManagementMessage", 519, "InvalidManagementPayload", 523, "CanisterInstallCodeRateLimited"};
        for (int i = 0; i < legacy.length; i += 2) {
            ERROR_NAMES.put((Integer) legacy[i], (String) legacy[i + 1]);
        }
    }

    public RejectInfo {
        Objects.requireNonNull(rejectCodeName, "rejectCodeName");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorName, "errorName");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A message PocketIC refused at {@code submit_ingress_message} with HTTP 400 {@code BadIngressMessage}
     * (no subnet for its effective principal, an undecodable create argument, a message the ingress checks
     * refuse): the server gives no reject or error code, so both are empty and the code is 0.
     *
     * <pre>{@code
     * RejectInfo r = RejectInfo.refusedAtSubmission("Subnet with ID ... not found");
     * }</pre>
     */
    public static RejectInfo refusedAtSubmission(String serverMessage) {
        return new RejectInfo(0, "", "", "", "refused at submission (HTTP 400 BadIngressMessage): " + serverMessage,
                false);
    }

    /** True when the reject says someone lacked cycles (creation fee, call, memory growth). */
    public boolean isOutOfCycles() {
        return errorName.equals("CanisterOutOfCycles") || errorName.startsWith("InsufficientCycles");
    }

    /** True when the subnet refused for capacity (canister limit reached, oversubscribed). */
    public boolean isResourceExhausted() {
        return errorName.equals("MaxNumberOfCanistersReached") || errorName.equals("SubnetOversubscribed");
    }

    /**
     * The error a rejected create maps to, the same on every networked substrate: Canic's root passes the
     * management canister's answer through, so the hub sees {@link ErrorCode#OUT_OF_CYCLES},
     * {@link ErrorCode#RESOURCE_EXHAUSTED} or {@link ErrorCode#REJECTED} (metric reason {@code policy_denied}).
     *
     * @param what the call, for the message, e.g. {@code "create_canister for role scale"}
     */
    public CanicError toCreateError(String what) {
        // Root's management call failing is an error at root, which Canic's root answers the hub as Internal,
        // whatever the reject said (the text keeps it: out of cycles, subnet full, ...).
        return CanicError.remote(ErrorCode.INTERNAL, "management canister rejected " + what + ": " + this);
    }

    /**
     * A reject as a replica certifies it in {@code request_status}: the numeric {@code reject_code}, the
     * {@code error_code} text ({@code "IC0403"}, or empty when the replica sent none) and the message. The error
     * code's name comes from the same table as for PocketIC's answers.
     *
     * <pre>{@code
     * RejectInfo r = RejectInfo.certified(4, "IC0403", "insufficient cycles");
     * assert r.isOutOfCycles();
     * }</pre>
     */
    public static RejectInfo certified(int rejectCode, String errorCode, String message) {
        String[] error = errorCode == null || errorCode.isBlank() ? new String[] {"", ""}
                : errorCode(com.fasterxml.jackson.databind.node.TextNode.valueOf(errorCode));
        int code = rejectCode > 0 ? rejectCode : rejectCode(null, error[0]);
        String name = code > 0 && code < REJECT_NAMES.length ? REJECT_NAMES[code] : "";
        return new RejectInfo(code, name, error[0], error[1], message == null ? "" : message, true);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("reject code ").append(rejectCode);
        if (!rejectCodeName.isEmpty()) {
            b.append(" (").append(rejectCodeName).append(')');
        }
        if (!errorCode.isEmpty() || !errorName.isEmpty()) {
            b.append(", ").append((errorCode + " " + errorName).strip());
        }
        return b.append(": ").append(message).toString();
    }

    /**
     * Reads a reject from an {@code Err} value (v8+ {@code RejectResponse} or pre-v8 {@code {"code",
     * "description"}}), or from a pre-v8 {@code Reject} text; null when the shape is none of these.
     */
    public static RejectInfo fromJson(JsonNode err) {
        if (err == null) {
            return null;
        }
        if (err.isTextual()) { // pre-v8 WasmResult::Reject(text): the canister rejected
            return new RejectInfo(4, REJECT_NAMES[4], "", "", err.asText(), false);
        }
        if (!err.isObject()) {
            return null;
        }
        if (err.has("reject_code") || err.has("reject_message") || err.has("error_code")) {
            String[] error = errorCode(err.get("error_code"));
            int code = rejectCode(err.get("reject_code"), error[0]);
            String codeName = code > 0 && code < REJECT_NAMES.length ? REJECT_NAMES[code]
                    : err.path("reject_code").isTextual() ? err.path("reject_code").asText() : "";
            return new RejectInfo(code, codeName, error[0], error[1], err.path("reject_message").asText(""),
                    err.path("certified").asBoolean(false));
        }
        if (err.has("code") || err.has("description")) { // pre-v8 UserError
            String[] error = errorCode(err.get("code"));
            int code = rejectCode(null, error[0]);
            return new RejectInfo(code, code > 0 && code < REJECT_NAMES.length ? REJECT_NAMES[code] : "", error[0],
                    error[1], err.path("description").asText(""), false);
        }
        return null;
    }

    /** {ICxxxx, name} from a number, "IC0403", "403" or a name. */
    private static String[] errorCode(JsonNode n) {
        if (n == null || n.isNull()) {
            return new String[] {"", ""};
        }
        Integer number = null;
        String name = "";
        if (n.isIntegralNumber()) {
            number = n.asInt();
        } else if (n.isTextual()) {
            String t = n.asText().strip();
            String digits = t.toUpperCase(Locale.ROOT).startsWith("IC") ? t.substring(2) : t;
            if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit) && digits.length() <= 6) {
                number = Integer.parseInt(digits);
            } else {
                name = t;
                number = ERROR_NUMBERS.get(t);
            }
        }
        if (number == null) {
            return new String[] {"", name};
        }
        if (name.isEmpty()) {
            name = ERROR_NAMES.getOrDefault(number, "");
        }
        return new String[] {String.format(Locale.ROOT, "IC%04d", number), name};
    }

    /** A reject code from a number or a name; else the leading digit of the error code (the IC's convention). */
    private static int rejectCode(JsonNode n, String errorCode) {
        if (n != null && n.isIntegralNumber()) {
            return n.asInt();
        }
        if (n != null && n.isTextual()) {
            String t = n.asText().strip();
            if (!t.isEmpty() && t.length() <= 3 && t.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(t);
            }
            for (int i = 1; i < REJECT_NAMES.length; i++) {
                if (REJECT_NAMES[i].equalsIgnoreCase(t)) {
                    return i;
                }
            }
            return 0;
        }
        if (errorCode.length() == 6) {
            int digit = errorCode.charAt(3) - '0';
            return digit >= 1 && digit <= 6 ? digit : 0;
        }
        return 0;
    }
}
