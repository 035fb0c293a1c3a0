package app.rechargeclose.recharge;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code recharge_channel}: the seed knew BANK_TRANSFER and QR_RECHARGE; ONLINE_BANK came in 2025. */
@RegisterForReflection
public final class RechargeChannel extends OpenEnum {

    private static final Set<String> KNOWN = Set.of("BANK_TRANSFER", "QR_RECHARGE", "ONLINE_BANK");

    public static final RechargeChannel BANK_TRANSFER = of("BANK_TRANSFER");
    public static final RechargeChannel QR_RECHARGE = of("QR_RECHARGE");
    public static final RechargeChannel ONLINE_BANK = of("ONLINE_BANK");

    private RechargeChannel(String value) {
        super(value, KNOWN);
    }

    @JsonCreator
    public static RechargeChannel of(String value) {
        return new RechargeChannel(value);
    }
}
