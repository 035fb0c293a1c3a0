package app.rechargeclose.wechatpay;

/** A 2xx answer failed signature verification: nothing of its body may be trusted or passed on. */
public final class UnverifiedResponseException extends WechatPayException {

    public UnverifiedResponseException(String reason, String requestId) {
        super("WeChat Pay's answer failed verification: " + reason, requestId, 0);
    }

    /** A forged or tampered answer is not a transient fault: it is reported, not retried. */
    @Override
    public boolean isRetryable() {
        return false;
    }
}
