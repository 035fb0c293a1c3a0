package app.rechargeclose.wechatpay;

/** WeChat Pay answered with a 4xx and an error body of its own: {@code code} and {@code message}. */
public final class UpstreamRejectedException extends WechatPayException {

    private final String code;

    public UpstreamRejectedException(int status, String code, String message, String requestId) {
        super(message, requestId, status);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** A 400: WeChat Pay refused the request as it stands, e.g. "the state does not allow closing", or PARAM_ERROR. */
    public boolean isBadRequest() {
        return status() == 400;
    }

    /** A 401 means WeChat Pay refused our signature, key or serial: our configuration is wrong. */
    public boolean isSignatureRejected() {
        return status() == 401;
    }

    /** 429 is a rate limit, also seen when a close races a payment on the same recharge. */
    @Override
    public boolean isRetryable() {
        return status() == 429;
    }
}
