package app.rechargeclose.wechatpay;

import java.util.Optional;

/**
 * Why one call to WeChat Pay did not produce a trusted answer: its {@link Verdict}, which says what
 * that means, and the facts it carries (the HTTP status, WeChat Pay's error code and message, its
 * {@code Request-ID}, so that callers and WeChat Pay support can trace the call). Messages never
 * carry key material or answer bodies.
 */
public final class WechatPayException extends RuntimeException {

    private final Verdict verdict;
    private final int status;
    private final String code;
    private final String requestId;

    private WechatPayException(Verdict verdict, int status, String code, String message, String requestId) {
        super(message, null, false, false);
        this.verdict = verdict;
        this.status = status;
        this.code = code;
        this.requestId = requestId;
    }

    /** WeChat Pay answered, but not with a verified recharge: a 4xx with its error {@code code} and {@code message}, a 5xx, a page, an unreadable 2xx. */
    public static WechatPayException answered(int status, String code, String message, String requestId) {
        return new WechatPayException(Verdict.ofAnswer(status, code), status, code == null || code.isBlank() ? null : code, message, requestId);
    }

    public static WechatPayException timedOut(String message) {
        return new WechatPayException(Verdict.TIMED_OUT, 0, null, message, null);
    }

    /** No answer came over the connection: the request may not have reached WeChat Pay at all. */
    public static WechatPayException connectionFailed(String message) {
        return new WechatPayException(Verdict.CONNECTION_FAILED, 0, null, message, null);
    }

    /** A 2xx whose signature, or whose subject, cannot be trusted: nothing of its body may be used or passed on. */
    public static WechatPayException unverified(String reason, String requestId) {
        return new WechatPayException(Verdict.UNVERIFIED, 0, null, "WeChat Pay's answer failed verification: " + reason, requestId);
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The verdict of a call's failure; empty for any other throwable, a bug of ours, which nothing retries or queries. */
    public static Optional<Verdict> verdictOf(Throwable failure) {
        return failure instanceof WechatPayException upstream ? Optional.of(upstream.verdict) : Optional.empty();
    }

    /** The HTTP status WeChat Pay answered with; 0 when no answer came or it could not be trusted. */
    public int status() {
        return status;
    }

    /** WeChat Pay's own error code, when its error body said one. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId).filter(id -> !id.isBlank());
    }
}
