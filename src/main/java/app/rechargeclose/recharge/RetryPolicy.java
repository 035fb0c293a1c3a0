package app.rechargeclose.recharge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter, bounded by an attempt count and by the invocation's deadline
 * less a safety margin (the time needed to answer). Close attempts also leave the query its
 * reserve: a close that hangs must not take the time the query needs to tell what became of it.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadlineMargin, Duration queryReserve) {

    /** An attempt with less time than this left would only add a doomed call. */
    public static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

    /** The settings that make a policy are checked, by their keys, where they are read; this only guards the policy's own sense. */
    public RetryPolicy {
        if (maxAttempts < 1 || initialBackoff.isNegative() || maxBackoff.isNegative() || deadlineMargin.isNegative()
                || queryReserve.compareTo(MIN_ATTEMPT) < 0) {
            throw new IllegalArgumentException("a retry policy needs an attempt, no negative time and a query reserve of at least "
                    + MIN_ATTEMPT.toMillis() + "ms");
        }
    }

    /** The wait before attempt {@code attempt} (2 for the first retry): random in [0, min(max, initial·2^(attempt-2))]. */
    public Duration backoff(int attempt, DoubleSupplier random) {
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 2, 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /**
     * How long a query attempt starting at {@code start} may run: the configured timeout, cut short
     * by the deadline less the margin; empty when too little time is left to try at all.
     */
    public Optional<Duration> attemptBudget(Instant start, Instant deadline, Duration timeout) {
        return budget(Duration.between(start, deadline.minus(deadlineMargin)), timeout);
    }

    /**
     * How long close attempt {@code attempt} may run: as {@link #attemptBudget}, less the query's
     * reserve. The first attempt, when less than twice the reserve is left, shares what is left
     * with the query half and half; a retry is made only when the whole reserve stays free.
     */
    public Optional<Duration> closeAttemptBudget(int attempt, Instant start, Instant deadline, Duration timeout) {
        Duration left = Duration.between(start, deadline.minus(deadlineMargin));
        Duration reserve = attempt == 1 && left.dividedBy(2).compareTo(queryReserve) < 0 ? left.dividedBy(2) : queryReserve;
        return budget(left.minus(reserve), timeout);
    }

    private static Optional<Duration> budget(Duration left, Duration timeout) {
        Duration budget = left.compareTo(timeout) < 0 ? left : timeout;
        return budget.compareTo(MIN_ATTEMPT) < 0 ? Optional.empty() : Optional.of(budget);
    }
}
