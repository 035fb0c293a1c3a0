package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;

import app.rechargeclose.telemetry.InvocationIds;

/**
 * The Lambda invocation a close runs in: its handler and request id for the logs, and its
 * deadline, which no upstream attempt may run past.
 */
record Invocation(InvocationIds ids, Instant deadline) {

    /** When Lambda gives no deadline (a test event without one): the longest a function may run. */
    private static final Duration LAMBDA_MAX_DURATION = Duration.ofMinutes(15);

    static Invocation of(String handler, Context context, Instant start) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration left = remaining > 0 ? Duration.ofMillis(remaining) : LAMBDA_MAX_DURATION;
        return new Invocation(new InvocationIds(handler, context == null ? null : context.getAwsRequestId()), start.plus(left));
    }

    String lambdaRequestId() {
        return ids.lambdaRequestId();
    }

    /** Until the deadline, at least a millisecond: the bound on any wait of this invocation. */
    Duration timeLeft() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}
