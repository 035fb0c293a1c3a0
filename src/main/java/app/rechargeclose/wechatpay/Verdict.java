package app.rechargeclose.wechatpay;

/**
 * What one WeChat Pay attempt that brought no trusted answer means, decided once, here: whether
 * the call may have taken effect (worth asking the query API), whether trying again may help, on
 * which host, and whether the failure is final (retrying the same command cannot change it).
 * Everything above this package reads these flags; none looks at statuses or codes again.
 */
public enum Verdict {
    //                      retry  query  final  fail over
    /** No answer within the attempt's time: the close may or may not have happened. */
    TIMED_OUT(               true,  true,  false, false),
    /** The connection failed: the signed request may go to the backup host, since the host is not signed. */
    CONNECTION_FAILED(       true,  true,  false, true),
    /** 5xx, or a gateway's 429 page: WeChat Pay's own "try again later". */
    SERVER_ERROR(            true,  true,  false, false),
    /** 429 with WeChat Pay's code: a rate limit, also what a close racing a payment gets. */
    RATE_LIMITED(            true,  true,  false, false),
    /** 400, e.g. "the state does not allow closing": may be about a close already made. */
    REFUSED(                 false, true,  false, false),
    /** 400 PARAM_ERROR: the command itself is wrong for WeChat Pay (asked of the query all the same, as any 400). */
    INVALID_PARAMETER(       false, true,  true,  false),
    /** 401 SIGN_ERROR: WeChat Pay refused our signature, key or serial; our configuration is wrong, and may be fixed. */
    SIGNATURE_REJECTED(      false, false, false, false),
    /** 403: the merchant may not close this recharge. */
    FORBIDDEN(               false, false, true,  false),
    /** 404 ORDER_NOT_EXIST and the like. */
    NOT_FOUND(               false, false, true,  false),
    /** Any other 4xx with WeChat Pay's code. */
    REJECTED(                false, false, false, false),
    /** A 4xx page that is not WeChat Pay's error body (an nginx page for an unknown path). */
    NOT_WECHATPAY(           false, false, false, false),
    /** A 2xx that failed verification (a probe signature, a stale timestamp, an answer about another recharge): no verdict at all. */
    UNVERIFIED(              false, true,  false, false),
    /** A verified 2xx that holds no readable recharge (or too much text to be one): the call may well have taken effect. */
    UNREADABLE(              false, true,  false, false);

    private final boolean worthRetry;
    private final boolean worthQuery;
    private final boolean isFinal;
    private final boolean failsOver;

    Verdict(boolean worthRetry, boolean worthQuery, boolean isFinal, boolean failsOver) {
        this.worthRetry = worthRetry;
        this.worthQuery = worthQuery;
        this.isFinal = isFinal;
        this.failsOver = failsOver;
    }

    /** Of an answer that is no verified recharge: its HTTP status and, for a 4xx, WeChat Pay's error {@code code} (blank when none). */
    static Verdict ofAnswer(int status, String code) {
        if (status >= 200 && status < 300) {
            return UNREADABLE;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status < 400) {
            return NOT_WECHATPAY;
        }
        if (code == null || code.isBlank()) {
            return status == 429 ? SERVER_ERROR : NOT_WECHATPAY;
        }
        return switch (status) {
            case 400 -> "PARAM_ERROR".equals(code) ? INVALID_PARAMETER : REFUSED;
            case 401 -> SIGNATURE_REJECTED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 429 -> RATE_LIMITED;
            default -> REJECTED;
        };
    }

    /** The same call may succeed later (retried while there are attempts and time). Retrying a close is safe: it is keyed by out_recharge_no. */
    public boolean isWorthRetry() {
        return worthRetry;
    }

    /** The close may have taken effect all the same, so the query API is asked what WeChat Pay holds. */
    public boolean isWorthQuery() {
        return worthQuery;
    }

    /** Retrying the same command cannot change the answer. */
    public boolean isFinal() {
        return isFinal;
    }

    /** The next attempt goes to the backup host. */
    public boolean failsOver() {
        return failsOver;
    }

    /** The answer came, signed, but its signature or its subject could not be trusted. */
    public boolean isVerificationFailure() {
        return this == UNVERIFIED;
    }

    /** WeChat Pay's own error body said why: its {@code code} and {@code message} are the facts to pass on. */
    public boolean isWechatPayError() {
        return this == RATE_LIMITED || this == REFUSED || this == INVALID_PARAMETER || this == SIGNATURE_REJECTED || this == FORBIDDEN
                || this == NOT_FOUND || this == REJECTED;
    }
}
