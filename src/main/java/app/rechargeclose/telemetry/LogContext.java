package app.rechargeclose.telemetry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jboss.logging.MDC;

/**
 * The one set of id field names, and the ids every log line carries (the JSON log's {@code mdc} object): the Lambda request id, and
 * once known the {@code out_recharge_no} and WeChat Pay's {@code Request-ID}. The handler thread
 * holds them for the whole invocation; work on the event loop, where one thread serves many
 * closes, puts them around the one line it writes.
 */
public final class LogContext {

    public static final String LAMBDA_REQUEST_ID = "lambda_request_id";
    public static final String OUT_RECHARGE_NO = "out_recharge_no";
    public static final String WECHATPAY_REQUEST_ID = "wechatpay_request_id";
    /** Only on telemetry lines (the log's mdc carries the three above). */
    public static final String SUB_MCHID = "sub_mchid";
    public static final String MESSAGE_ID = "message_id";

    private LogContext() {
    }

    /** For the handler thread: the invocation's ids from now on, until {@link #clear()}. */
    public static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    public static void clear() {
        MDC.remove(LAMBDA_REQUEST_ID);
        MDC.remove(OUT_RECHARGE_NO);
        MDC.remove(WECHATPAY_REQUEST_ID);
    }

    /** Runs {@code logging} with these ids (null ones left out) on this thread, then puts back what was there. */
    public static <T> T with(String lambdaRequestId, String outRechargeNo, String wechatpayRequestId, Supplier<T> logging) {
        Map<String, String> ids = new HashMap<>();
        ids.put(LAMBDA_REQUEST_ID, lambdaRequestId);
        ids.put(OUT_RECHARGE_NO, outRechargeNo);
        ids.put(WECHATPAY_REQUEST_ID, wechatpayRequestId);
        Map<String, Object> before = new HashMap<>();
        ids.keySet().forEach(key -> before.put(key, MDC.get(key)));
        ids.forEach(LogContext::put);
        try {
            return logging.get();
        } finally {
            before.forEach((key, value) -> put(key, value == null ? null : value.toString()));
        }
    }

    public static void with(String lambdaRequestId, String outRechargeNo, String wechatpayRequestId, Runnable logging) {
        with(lambdaRequestId, outRechargeNo, wechatpayRequestId, () -> {
            logging.run();
            return null;
        });
    }
}
