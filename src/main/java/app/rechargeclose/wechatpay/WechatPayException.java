package app.rechargeclose.wechatpay;

import java.util.Optional;

/**
 * Why a call to WeChat Pay did not produce a trusted answer. Subtypes say what happened; the
 * {@code Request-ID} travels with each so that callers and WeChat Pay support can trace the call.
 * Messages never carry key material or answer bodies.
 */
public abstract sealed class WechatPayException extends RuntimeException
        permits UpstreamRejectedException, UpstreamUnavailableException, UpstreamTimeoutException, UnverifiedResponseException {

    private final String requestId;
    private final int status;

    protected WechatPayException(String message, String requestId, int status) {
        super(message, null, false, false);
        this.requestId = requestId;
        this.status = status;
    }

    /** The HTTP status WeChat Pay answered with; 0 when no answer came or it could not be trusted. */
    public int status() {
        return status;
    }

    /**
     * Whether the same call may succeed later: 5xx, 429, timeouts and connection failures. Retrying a
     * close is safe, since it is keyed by out_recharge_no; the other 4xx would fail the same way.
     */
    public abstract boolean isRetryable();

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId).filter(id -> !id.isBlank());
    }
}
