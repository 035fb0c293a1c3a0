package app.rechargeclose.wechatpay;

/**
 * What one WeChat Pay attempt that brought no trusted answer means, decided once, here: whether
 * the call may have taken effect (worth asking the query API), whether trying again may help, on
 * which host, and whether the failure is final (retrying the same command cannot change it).
 * Everything above this package reads these flags; none looks at statuses or codes again.
 */
public enum Verdict {
    /** No answer within the attempt's time: the close may or may not have happened. */
    TIMED_OUT,
    /** The connection failed: the request may not have reached WeChat Pay at all. */
    CONNECTION_FAILED,
    /** 5xx, or a gateway's 429 page: WeChat Pay's own "try again later". */
    SERVER_ERROR,
    /** 429 with WeChat Pay's code: a rate limit, also what a close racing a payment gets. */
    RATE_LIMITED,
    /** 400, e.g. "the state does not allow closing": may be about a close already made. */
    REFUSED,
    /** 400 PARAM_ERROR: the command itself is wrong for WeChat Pay. */
    INVALID_PARAMETER,
    /** 401 SIGN_ERROR: WeChat Pay refused our signature, key or serial; our configuration is wrong, and may be fixed. */
    SIGNATURE_REJECTED,
    /** 403: the merchant may not close this recharge. */
    FORBIDDEN,
    /** 404 ORDER_NOT_EXIST and the like. */
    NOT_FOUND,
    /** Any other 4xx with WeChat Pay's code. */
    REJECTED,
    /** A 4xx page that is not WeChat Pay's error body (an nginx page for an unknown path). */
    NOT_WECHATPAY,
    /** A 2xx that failed verification (a probe signature, a stale timestamp, an answer about another recharge): no verdict at all. */
    UNVERIFIED,
    /** A verified 2xx that holds no readable recharge (or too much text to be one): the call may well have taken effect. */
    UNREADABLE;

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

    /**
     * The same call may succeed in a moment (retried while there are attempts and time). Retrying a
     * close is safe: it is keyed by out_recharge_no. Not a rate limit: WeChat Pay asked for fewer
     * calls, and another at once would add load; the query still asks what holds, and a queued close
     * comes back later.
     */
    public boolean isWorthRetry() {
        return switch (this) {
            case TIMED_OUT, CONNECTION_FAILED, SERVER_ERROR -> true;
            default -> false;
        };
    }

    /**
     * The close may have taken effect all the same, so the query API is asked what WeChat Pay holds:
     * after every transient failure, a 400 (which may be about a close already made: an earlier
     * attempt whose answer was lost, an earlier delivery of the same command), and an answer that
     * failed verification or could not be read (never retried: the same answer may come again).
     */
    public boolean isWorthQuery() {
        return switch (this) {
            case TIMED_OUT, CONNECTION_FAILED, SERVER_ERROR, RATE_LIMITED, REFUSED, INVALID_PARAMETER, UNVERIFIED, UNREADABLE -> true;
            default -> false;
        };
    }

    /** Retrying the same command cannot change the answer: WeChat Pay's 403, 404 and 400 PARAM_ERROR. */
    public boolean isFinal() {
        return switch (this) {
            case INVALID_PARAMETER, FORBIDDEN, NOT_FOUND -> true;
            default -> false;
        };
    }

    /**
     * WeChat Pay is down, unreachable or asking for fewer calls: the same call may well succeed, but
     * not at once; a queued close comes back after a wait that grows with each receive.
     */
    public boolean isTransient() {
        return switch (this) {
            case TIMED_OUT, CONNECTION_FAILED, SERVER_ERROR, RATE_LIMITED -> true;
            default -> false;
        };
    }

    /** The next attempt goes to the backup host: the host is not part of the signature, so the same request can be sent there. */
    public boolean failsOver() {
        return this == CONNECTION_FAILED;
    }

    /** The answer came, signed, but its signature or its subject could not be trusted. */
    public boolean isVerificationFailure() {
        return this == UNVERIFIED;
    }
}
