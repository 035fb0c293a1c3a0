package app.rechargeclose.wechatpay;

/** WeChat Pay could not be reached, answered 5xx, or answered something that is not a WeChat Pay answer. */
public final class UpstreamUnavailableException extends WechatPayException {

    private final boolean connectionFailure;

    private UpstreamUnavailableException(String message, String requestId, int status, boolean connectionFailure) {
        super(message, requestId, status);
        this.connectionFailure = connectionFailure;
    }

    /** WeChat Pay answered, with a status that is no WeChat Pay verdict (5xx, or a 4xx page that is not its error). */
    public static UpstreamUnavailableException answered(int status, String message, String requestId) {
        return new UpstreamUnavailableException(message, requestId, status, false);
    }

    /** No answer came over the connection: the request may not have reached WeChat Pay at all. */
    public static UpstreamUnavailableException connectionFailed(String message) {
        return new UpstreamUnavailableException(message, null, 0, true);
    }

    /** The connection failed; a signed request can go to the backup host, since the host is not signed. */
    public boolean isConnectionFailure() {
        return connectionFailure;
    }

    /** A 2xx that cannot be read as the object asked for: the call may well have taken effect. */
    public boolean isUnreadableAnswer() {
        return status() >= 200 && status() < 300;
    }

    /** 5xx, 429 (a gateway's rate limit page) and connection failures are transient; an unreadable 2xx or another 4xx page is not. */
    @Override
    public boolean isRetryable() {
        return connectionFailure || status() >= 500 || status() == 429;
    }
}
