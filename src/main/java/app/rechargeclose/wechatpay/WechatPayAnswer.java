package app.rechargeclose.wechatpay;

/**
 * A verified answer: parsed into {@code body}, and as the exact JSON text WeChat Pay signed, which
 * is what callers get, so fields and values this version does not know reach them unchanged.
 */
public record WechatPayAnswer<T>(T body, String json, String requestId) {
}
