package app.rechargeclose.wechatpay;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.vertx.core.VertxException;

/**
 * Names what went wrong on the way to WeChat Pay. The REST client and Vert.x wrap failures
 * (a read timeout arrives as a CompletionException around a TimeoutException), so walk the chain.
 * What is not a transport failure is passed on as it is: a bug of ours must not pass for an outage.
 */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static Throwable classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WechatPayException known) {
                return known;
            }
            if (cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException) {
                return WechatPayException.timedOut("WeChat Pay did not answer in time");
            }
            if (cause instanceof IOException || cause instanceof VertxException) {
                return WechatPayException.connectionFailed("the connection to WeChat Pay failed: " + cause.getClass().getSimpleName());
            }
        }
        return failure;
    }
}
