package app.rechargeclose.recharge;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code recharge_scene}: the seed's three scenes and today's ECOMMERCE_PAYMENT. */
@RegisterForReflection
public final class RechargeScene extends OpenEnum {

    private static final Set<String> KNOWN = Set.of("ECOMMERCE_DEPOSIT", "ECOMMERCE_BANK_TRANSFER", "NORMAL_BANK_TRANSFER", "ECOMMERCE_PAYMENT");

    public static final RechargeScene ECOMMERCE_DEPOSIT = of("ECOMMERCE_DEPOSIT");
    public static final RechargeScene ECOMMERCE_BANK_TRANSFER = of("ECOMMERCE_BANK_TRANSFER");
    public static final RechargeScene NORMAL_BANK_TRANSFER = of("NORMAL_BANK_TRANSFER");
    public static final RechargeScene ECOMMERCE_PAYMENT = of("ECOMMERCE_PAYMENT");

    private RechargeScene(String value) {
        super(value, KNOWN);
    }

    @JsonCreator
    public static RechargeScene of(String value) {
        return new RechargeScene(value);
    }
}
