package app.rechargeclose.recharge;

import org.jboss.logging.Logger;

import app.rechargeclose.wechatpay.UnverifiedResponseException;
import app.rechargeclose.wechatpay.UpstreamRejectedException;
import app.rechargeclose.wechatpay.UpstreamTimeoutException;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * What became of a close, as callers see it: the HTTP status and stable {@code code} of the
 * contract, a message that holds no key material and no personal data, and WeChat Pay's
 * {@code Request-ID} when it sent one. The one place where failures get their status and code.
 */
public record Outcome(int status, String code, String message, String requestId) {

    private static final Logger LOG = Logger.getLogger(Outcome.class);

    public static final String CLOSED = "CLOSED";

    public static Outcome closed(String requestId) {
        return new Outcome(200, CLOSED, "the recharge is closed", requestId);
    }

    public static final String NOT_CLOSED = "RECHARGE_NOT_CLOSED";

    /**
     * A verified answer whose recharge is in a state that is neither CLOSED nor paid (RECHARGING, or
     * one nobody knows yet): WeChat Pay answered, the goal is not met, and a later try may meet it.
     */
    public static Outcome notClosed(Recharge recharge, String requestId) {
        return new Outcome(409, NOT_CLOSED, "recharge " + recharge.outRechargeNo() + " is " + recharge.rechargeState() + ", not CLOSED",
                requestId);
    }

    /** The final outcome of a failed close; a failure that is a bug of ours is logged here, once. */
    public static Outcome of(Throwable failure) {
        Outcome outcome = describe(failure);
        if (outcome.status() == 500) {
            LOG.error("close failed unexpectedly", failure);
        }
        return outcome;
    }

    /** Status, code and message for a failure, without side effects: also used for each upstream attempt. */
    public static Outcome describe(Throwable failure) {
        if (failure instanceof InvalidCommandException invalid) {
            return new Outcome(400, "INVALID_ARGUMENT", invalid.getMessage(), null);
        }
        if (failure instanceof RechargeAlreadyPaidException paid) {
            return new Outcome(409, "RECHARGE_ALREADY_PAID", paid.getMessage(), paid.requestId());
        }
        if (failure instanceof WechatPayException upstream) {
            String requestId = upstream.requestId().orElse(null);
            if (upstream instanceof UpstreamRejectedException rejected) {
                return rejected.isSignatureRejected()
                        ? new Outcome(502, "UPSTREAM_REJECTED_SIGNATURE",
                                "WeChat Pay rejected our request signature: check wechatpay.private-key and wechatpay.merchant-serial-no", requestId)
                        : new Outcome(rejected.status(), rejected.code(), rejected.getMessage(), requestId);
            }
            if (upstream instanceof UpstreamTimeoutException) {
                return new Outcome(504, "UPSTREAM_TIMEOUT", upstream.getMessage(), requestId);
            }
            if (upstream instanceof UnverifiedResponseException) {
                return new Outcome(502, "UPSTREAM_UNVERIFIED", upstream.getMessage(), requestId);
            }
            return new Outcome(502, "UPSTREAM_UNAVAILABLE", upstream.getMessage(), requestId);
        }
        return new Outcome(500, "INTERNAL_ERROR", "the close could not be processed: " + failure.getClass().getSimpleName(), null);
    }

    /** Only a verified answer makes this: an error body saying "CLOSED" is still an error. */
    public boolean isClosed() {
        return status == 200 && CLOSED.equals(code);
    }
}
