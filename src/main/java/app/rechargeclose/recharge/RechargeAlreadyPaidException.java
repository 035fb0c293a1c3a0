package app.rechargeclose.recharge;

import app.rechargeclose.wechatpay.WechatPayAnswer;

/**
 * WeChat Pay says, in a verified answer, that the recharge was paid (SUCCESS): it can no longer be
 * closed. The answer travels with it so the caller sees exactly what WeChat Pay holds.
 */
public final class RechargeAlreadyPaidException extends RuntimeException {

    private final WechatPayAnswer<Recharge> answer;

    public RechargeAlreadyPaidException(WechatPayAnswer<Recharge> answer) {
        super("recharge " + answer.body().outRechargeNo() + " was already paid (SUCCESS) and can no longer be closed", null, false, false);
        this.answer = answer;
    }

    public WechatPayAnswer<Recharge> answer() {
        return answer;
    }

    public String requestId() {
        return answer.requestId();
    }
}
