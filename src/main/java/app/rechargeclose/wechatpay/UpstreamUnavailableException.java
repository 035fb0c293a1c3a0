package app.rechargeclose.wechatpay;

/** WeChat Pay could not be reached, answered 5xx, or answered something that is not a WeChat Pay answer. */
public final class UpstreamUnavailableException extends WechatPayException {

    public UpstreamUnavailableException(String message, String requestId) {
        super(message, requestId);
    }
}
