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

    protected WechatPayException(String message, String requestId) {
        super(message, null, false, false);
        this.requestId = requestId;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId).filter(id -> !id.isBlank());
    }
}
