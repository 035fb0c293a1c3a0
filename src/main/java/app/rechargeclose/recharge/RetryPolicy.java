package app.rechargeclose.recharge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import app.rechargeclose.config.WechatPayConfig;

/**
 * Exponential backoff with full jitter, bounded by an attempt count and by the Lambda deadline
 * less a safety margin (the time needed to answer).
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadlineMargin) {

    /** An attempt with less time than this left would only add a doomed call. */
    static final Duration MIN_ATTEMPT = Duration.ofMillis(250);

    public static RetryPolicy from(WechatPayConfig.Retry config) {
        if (config.maxAttempts() < 1) {
            throw new IllegalArgumentException("wechatpay.retry.max-attempts: must be at least 1");
        }
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), config.deadlineMargin());
    }

    /** The wait before attempt {@code attempt} (2 for the first retry): random in [0, min(max, initial·2^(attempt-2))]. */
    public Duration backoff(int attempt, DoubleSupplier random) {
        long ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 2, 20));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /**
     * How long an attempt starting at {@code start} may run: the configured timeout, cut short by the
     * deadline less the margin; empty when too little time is left to try at all.
     */
    public Optional<Duration> attemptBudget(Instant start, Instant deadline, Duration timeout) {
        Duration left = Duration.between(start, deadline.minus(deadlineMargin));
        Duration budget = left.compareTo(timeout) < 0 ? left : timeout;
        return budget.compareTo(MIN_ATTEMPT) < 0 ? Optional.empty() : Optional.of(budget);
    }
}
