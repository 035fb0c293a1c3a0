package app.rechargeclose.wechatpay;

import java.util.Optional;

/**
 * A verified answer: parsed into {@code body}, and as the exact JSON text WeChat Pay signed, which
 * is what callers get, so fields and values this version does not know reach them unchanged.
 *
 * @param requestId WeChat Pay's {@code Request-ID}, when it sent one
 */
public record WechatPayAnswer<T>(T body, String json, Optional<String> requestId) {
}
