package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.amazonaws.services.lambda.runtime.Context;

import app.rechargeclose.telemetry.InvocationIds;

/**
 * The Lambda invocation a close runs in: its handler and request id for the logs, and its
 * deadline, which no upstream attempt may run past.
 */
record Invocation(InvocationIds ids, Instant deadline) {

    /** When Lambda gives no deadline (a test event without one): the longest a function may run. */
    private static final Duration LAMBDA_MAX_DURATION = Duration.ofMinutes(15);
    /** Time a call to AWS (a dead letter, a hand-back, an outcome event) leaves free at the end, for the answer to Lambda. */
    private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    static Invocation of(String handler, Context context, Instant start) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration left = remaining > 0 ? Duration.ofMillis(remaining) : LAMBDA_MAX_DURATION;
        return new Invocation(new InvocationIds(handler, context == null ? null : context.getAwsRequestId()), start.plus(left));
    }

    String lambdaRequestId() {
        return ids.lambdaRequestId();
    }

    /** How long a call to AWS made now may take: until the deadline less the answer's margin; empty when none is left. */
    Optional<Duration> timeForCall() {
        Duration left = Duration.between(Instant.now(), deadline).minus(ANSWER_MARGIN);
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Until the deadline, at least a millisecond: the bound on any wait of this invocation. */
    Duration timeLeft() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}
