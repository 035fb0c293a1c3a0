package app.rechargeclose.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


/** The retry budgets with the deployed timeouts and Lambda deadlines: the query after doubt always keeps its turn. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(3));
    /** What a deployment runs with: WECHATPAY_TIMEOUT 10 s, a 20 s invocation. */
    private static final Duration DEPLOYED_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEPLOYED_INVOCATION = Duration.ofSeconds(20);
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

    /**
     * The deployed defaults against a close that never answers: each attempt runs out its whole
     * budget. Before the reserve, attempts 1 and 2 took all 19 s and the query never ran.
     */
    @Test
    void aHungCloseLeavesTheQueryItsReserveWithTheDeployedBudgets() {
        Instant deadline = now.plus(DEPLOYED_INVOCATION);

        Duration first = policy.closeAttemptBudget(1, now, deadline, DEPLOYED_TIMEOUT).orElseThrow();
        assertEquals(DEPLOYED_TIMEOUT, first, "a far deadline gives the first attempt the whole timeout");
        Instant second = now.plus(first).plus(policy.backoff(2, () -> 1.0));
        Duration secondBudget = policy.closeAttemptBudget(2, second, deadline, DEPLOYED_TIMEOUT).orElseThrow();
        assertEquals(Duration.ofMillis(5900), secondBudget, "19 s less the 10.1 s gone, less the 3 s reserve");
        Instant third = second.plus(secondBudget).plus(policy.backoff(3, () -> 1.0));
        assertEquals(Optional.empty(), policy.closeAttemptBudget(3, third, deadline, DEPLOYED_TIMEOUT), "no retry eats into the reserve");

        Duration query = policy.attemptBudget(second.plus(secondBudget), deadline, DEPLOYED_TIMEOUT).orElseThrow();
        assertEquals(Duration.ofSeconds(3), query);
        assertTrue(second.plus(secondBudget).plus(query).isBefore(deadline.minus(policy.deadlineMargin()).plusNanos(1)),
                "the query ends before the deadline margin");
    }

    /** infra/'s http function: 15 s. Attempt 2 gets what the reserve leaves, 0.9 s; the query nearly 3 s. */
    @Test
    void aHungCloseLeavesTheQueryItsReserveInAFifteenSecondInvocation() {
        Instant deadline = now.plusSeconds(15);
        Instant second = now.plus(policy.closeAttemptBudget(1, now, deadline, DEPLOYED_TIMEOUT).orElseThrow()).plus(policy.backoff(2, () -> 1.0));
        Duration secondBudget = policy.closeAttemptBudget(2, second, deadline, DEPLOYED_TIMEOUT).orElseThrow();
        assertEquals(Duration.ofMillis(900), secondBudget);
        assertEquals(Optional.of(Duration.ofSeconds(3)), policy.attemptBudget(second.plus(secondBudget), deadline, DEPLOYED_TIMEOUT));
    }

    @Test
    void aFirstCloseAttemptWithLittleTimeLeftSharesItWithTheQuery() {
        // 1.8 s left, 1 s margin: 0.8 s to share
        assertEquals(Optional.of(Duration.ofMillis(400)), policy.closeAttemptBudget(1, now, now.plusMillis(1800), DEPLOYED_TIMEOUT));
        assertEquals(Optional.of(Duration.ofMillis(400)), policy.attemptBudget(now.plusMillis(400), now.plusMillis(1800), DEPLOYED_TIMEOUT));
        // 5 s left, 4 s to share: still less than twice the reserve
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.closeAttemptBudget(1, now, now.plusSeconds(5), DEPLOYED_TIMEOUT));
        // 9 s left, 8 s to use: the whole reserve is kept
        assertEquals(Optional.of(Duration.ofSeconds(5)), policy.closeAttemptBudget(1, now, now.plusSeconds(9), DEPLOYED_TIMEOUT));
        // too little for both: no close is sent
        assertEquals(Optional.empty(), policy.closeAttemptBudget(1, now, now.plusMillis(1400), DEPLOYED_TIMEOUT));
    }

    @Test
    void aRetryIsMadeOnlyWhenTheWholeReserveStaysFree() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.closeAttemptBudget(2, now, now.plusSeconds(5), DEPLOYED_TIMEOUT));
        assertEquals(Optional.empty(), policy.closeAttemptBudget(2, now, now.plusMillis(4200), DEPLOYED_TIMEOUT));
    }

    /** The settings are named by config/ (RetrySettingsTest); the policy itself still refuses to be made without sense. */
    @Test
    void refusesAQueryReserveTooShortForAnAttemptOrANegativeTime() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(100)));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(-1), Duration.ofSeconds(3)));
    }
}
