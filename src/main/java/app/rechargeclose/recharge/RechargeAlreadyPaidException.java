package app.rechargeclose.recharge;

/**
 * WeChat Pay's own query says the recharge was paid (SUCCESS): it can no longer be closed. The
 * verified recharge object travels with it so the caller sees exactly what WeChat Pay holds.
 */
public final class RechargeAlreadyPaidException extends RuntimeException {

    private final Recharge recharge;
    private final String requestId;

    public RechargeAlreadyPaidException(Recharge recharge, String requestId) {
        super("recharge " + recharge.outRechargeNo() + " was already paid (SUCCESS) and can no longer be closed", null, false, false);
        this.recharge = recharge;
        this.requestId = requestId;
    }

    public Recharge recharge() {
        return recharge;
    }

    public String requestId() {
        return requestId;
    }
}
