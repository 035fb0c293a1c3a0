package app.rechargeclose.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1));
    private final Instant now = Instant.parse("2026-11-27T09:00:00Z");

    @ParameterizedTest(name = "attempt {0}: ceiling {1} ms")
    @CsvSource({"2, 100", "3, 200", "4, 400", "5, 800", "6, 1000", "40, 1000"})
    void backsOffExponentiallyUpToTheCeilingWithFullJitter(int attempt, long ceilingMillis) {
        assertEquals(Duration.ofMillis(ceilingMillis), policy.backoff(attempt, () -> 1.0));
        assertEquals(Duration.ofMillis(ceilingMillis / 2), policy.backoff(attempt, () -> 0.5));
        assertEquals(Duration.ZERO, policy.backoff(attempt, () -> 0.0));
    }

    @Test
    void givesAnAttemptTheWholeTimeoutWhenTheDeadlineIsFar() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), policy.attemptBudget(now, now.plusSeconds(60), Duration.ofSeconds(10)));
    }

    @Test
    void cutsAnAttemptShortSoItEndsBeforeTheDeadlineLessTheMargin() {
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.attemptBudget(now, now.plusSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void refusesAnAttemptWhenTooLittleTimeIsLeft() {
        assertEquals(Optional.empty(), policy.attemptBudget(now, now.plusMillis(1200), Duration.ofSeconds(10)));
        assertEquals(Optional.empty(), policy.attemptBudget(now, now.minusSeconds(1), Duration.ofSeconds(10)));
    }
}
