package app.rechargeclose.wechatpay;

/** A verified, parsed answer and WeChat Pay's {@code Request-ID} for it. */
public record WechatPayAnswer<T>(T body, String requestId) {
}
