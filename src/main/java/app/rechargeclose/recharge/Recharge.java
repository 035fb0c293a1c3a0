package app.rechargeclose.recharge;

import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What this function reads of the recharge object WeChat Pay answers with: which recharge it is
 * ({@code out_recharge_no}, {@code sub_mchid}, {@code sp_mchid}) and its {@code recharge_state}.
 * Nothing else is bound to a type, so a field we do not use may change its JSON type, appear or
 * vanish without failing a close; callers get the whole object as the verified text WeChat Pay
 * signed. Holds no personal data (the payer's {@code openid} lives in a field never read).
 *
 * @param undocumentedFields top-level fields the API documentation (the seed's or today's) does not list, by name
 */
@RegisterForReflection
public record Recharge(String spMchid, String subMchid, String outRechargeNo, RechargeState rechargeState, Set<String> undocumentedFields) {

    /** The recharge object's fields in the seed's schema and today's. */
    private static final Set<String> DOCUMENTED_FIELDS = Set.of("sp_mchid", "sub_mchid", "recharge_id", "out_recharge_no", "recharge_channel",
            "account_type", "recharge_state", "recharge_scene", "recharge_state_desc", "recharge_amount", "bank_transfer_info", "qr_recharge_info",
            "online_bank_recharge_info", "available_recharge_channels", "accept_time", "success_time", "close_time");

    /**
     * An identity field that is not text (or a number, read as its digits) reads as absent, so the
     * answer is not about our request; without a textual {@code recharge_state} it is no recharge.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Recharge of(JsonNode object) {
        JsonNode state = object.path("recharge_state");
        if (!object.isObject() || !state.isTextual()) {
            throw new IllegalArgumentException("no recharge object with a recharge_state");
        }
        Set<String> undocumented = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(name -> {
            if (!DOCUMENTED_FIELDS.contains(name)) {
                undocumented.add(name);
            }
        });
        return new Recharge(identity(object, "sp_mchid"), identity(object, "sub_mchid"), identity(object, "out_recharge_no"),
                new RechargeState(state.textValue()), Set.copyOf(undocumented));
    }

    private static String identity(JsonNode object, String field) {
        JsonNode value = object.path(field);
        return value.isTextual() || value.isIntegralNumber() ? value.asText() : null;
    }

    /** {@code recharge_state}: the same three values in the seed and today. */
    @RegisterForReflection
    public static final class RechargeState extends OpenEnum {
        public static final RechargeState CLOSED = new RechargeState("CLOSED");
        public static final RechargeState SUCCESS = new RechargeState("SUCCESS");

        RechargeState(String value) {
            super(value, "SUCCESS", "RECHARGING", "CLOSED");
        }
    }
}
