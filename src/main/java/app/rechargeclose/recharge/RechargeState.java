package app.rechargeclose.recharge;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code recharge_state}: the same three values in the seed and today. */
@RegisterForReflection
public final class RechargeState extends OpenEnum {

    private static final Set<String> KNOWN = Set.of("SUCCESS", "RECHARGING", "CLOSED");

    public static final RechargeState SUCCESS = of("SUCCESS");
    public static final RechargeState RECHARGING = of("RECHARGING");
    public static final RechargeState CLOSED = of("CLOSED");

    private RechargeState(String value) {
        super(value, KNOWN);
    }

    @JsonCreator
    public static RechargeState of(String value) {
        return new RechargeState(value);
    }
}
