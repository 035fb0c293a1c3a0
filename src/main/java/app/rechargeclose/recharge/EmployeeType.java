package app.rechargeclose.recharge;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code qr_recharge_info.employee_type}: who scanned the recharge code. */
@RegisterForReflection
public final class EmployeeType extends OpenEnum {

    private static final Set<String> KNOWN = Set.of("ADMIN", "STAFF");

    public static final EmployeeType ADMIN = of("ADMIN");
    public static final EmployeeType STAFF = of("STAFF");

    private EmployeeType(String value) {
        super(value, KNOWN);
    }

    @JsonCreator
    public static EmployeeType of(String value) {
        return new EmployeeType(value);
    }
}
