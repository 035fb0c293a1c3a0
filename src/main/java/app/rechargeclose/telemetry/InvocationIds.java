package app.rechargeclose.telemetry;

/** Which handler ran, and Lambda's request id of the invocation (null outside Lambda): on every line of it. */
public record InvocationIds(String handler, String lambdaRequestId) {
}
