package app.rechargeclose.recharge;

import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum-like value that keeps values it has never seen: WeChat Pay adds enum values without
 * notice, and an unknown one must pass through unchanged instead of failing the call.
 */
public abstract class OpenEnum {

    private final String value;
    private final boolean known;

    /** @param knownValues the values the API documents (today's, and the seed's older ones) */
    protected OpenEnum(String value, String... knownValues) {
        this.value = Objects.requireNonNull(value, "value");
        this.known = Set.of(knownValues).contains(value);
    }

    @JsonValue
    public final String value() {
        return value;
    }

    /** Whether this value is one the current API documentation (or the seed's older one) lists. */
    public final boolean isKnown() {
        return known;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((OpenEnum) other).value.equals(value);
    }

    @Override
    public final int hashCode() {
        return value.hashCode();
    }

    @Override
    public final String toString() {
        return value;
    }
}
