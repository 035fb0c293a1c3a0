package app.rechargeclose.recharge;

import app.rechargeclose.recharge.Recharge.RechargeState;
import app.rechargeclose.wechatpay.WechatPayAnswer;

/**
 * What WeChat Pay holds after a close, read from a verified answer about this very recharge (the
 * close's, or the query's after doubt). The one place an answer's state gets its meaning; the
 * edges decide what each means to their callers.
 */
public sealed interface CloseResult {

    /** The verified answer, exactly as WeChat Pay signed it. */
    WechatPayAnswer<Recharge> answer();

    /** The recharge is CLOSED: the goal is met. */
    record Closed(WechatPayAnswer<Recharge> answer) implements CloseResult {
    }

    /** The recharge was paid (SUCCESS) and can no longer be closed. */
    record Paid(WechatPayAnswer<Recharge> answer) implements CloseResult {
    }

    /** Any other state (RECHARGING, or one nobody knows yet): WeChat Pay answered, and a later try may close it. */
    record NotClosed(WechatPayAnswer<Recharge> answer) implements CloseResult {
    }

    static CloseResult of(WechatPayAnswer<Recharge> answer) {
        RechargeState state = answer.body().rechargeState();
        if (RechargeState.CLOSED.equals(state)) {
            return new Closed(answer);
        }
        return RechargeState.SUCCESS.equals(state) ? new Paid(answer) : new NotClosed(answer);
    }
}
