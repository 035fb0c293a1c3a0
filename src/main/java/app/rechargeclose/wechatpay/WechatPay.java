package app.rechargeclose.wechatpay;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * WeChat Pay's recharge API as its callers see it: one signed attempt, answered with a verified,
 * typed answer or failed with a {@link WechatPayException} saying why no trusted answer came.
 * {@link WechatPayClient} is the real one; tests of the use case give a fake.
 */
public interface WechatPay {

    /**
     * @param deadline at most {@link #timeout()}: how long this attempt may take
     * @param type     what the verified JSON answer is read into
     */
    <T> Uni<WechatPayAnswer<T>> call(Operation operation, Host host, String outRechargeNo, String subMchid, Duration deadline, Class<T> type);

    /** The configured deadline of one attempt. */
    Duration timeout();
}
