package app.rechargeclose.wechatpay;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JacksonException;

/**
 * Names what went wrong on the way to WeChat Pay. The REST client and Vert.x wrap failures
 * (a read timeout arrives as a CompletionException around a TimeoutException), so walk the chain.
 */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static WechatPayException classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WechatPayException known) {
                return known;
            }
            if (cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return new UpstreamTimeoutException("WeChat Pay did not answer in time");
            }
            if (cause instanceof JacksonException) {
                return UpstreamUnavailableException.answered(200, "WeChat Pay's verified answer is not a readable recharge object", null);
            }
            if (cause instanceof ConnectException) {
                return UpstreamUnavailableException.connectionFailed("WeChat Pay could not be reached: " + cause.getClass().getSimpleName());
            }
            if (cause.getCause() == null && cause instanceof IOException) {
                return UpstreamUnavailableException.connectionFailed("the connection to WeChat Pay failed: " + cause.getClass().getSimpleName());
            }
        }
        return UpstreamUnavailableException.connectionFailed("the call to WeChat Pay failed: " + failure.getClass().getSimpleName());
    }
}
