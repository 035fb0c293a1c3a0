package app.rechargeclose.wechatpay;

/** WeChat Pay did not answer within the deadline; the close may or may not have happened. */
public final class UpstreamTimeoutException extends WechatPayException {

    public UpstreamTimeoutException(String message) {
        super(message, null, 0);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
