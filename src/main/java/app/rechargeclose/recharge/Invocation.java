package app.rechargeclose.recharge;

import java.time.Instant;

/**
 * The Lambda invocation a close runs in: its request id for the logs, and its deadline, which no
 * attempt may run past.
 */
public record Invocation(String handler, String lambdaRequestId, Instant deadline) {
}
