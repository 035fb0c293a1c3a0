package app.rechargeclose.recharge;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code account_type}: the seed's DEPOSIT, BASIC, OPERATION, FEES; today DEPOSIT and OPERATION. */
@RegisterForReflection
public final class AccountType extends OpenEnum {

    private static final Set<String> KNOWN = Set.of("DEPOSIT", "BASIC", "OPERATION", "FEES");

    public static final AccountType DEPOSIT = of("DEPOSIT");
    public static final AccountType BASIC = of("BASIC");
    public static final AccountType OPERATION = of("OPERATION");
    public static final AccountType FEES = of("FEES");

    private AccountType(String value) {
        super(value, KNOWN);
    }

    @JsonCreator
    public static AccountType of(String value) {
        return new AccountType(value);
    }
}
