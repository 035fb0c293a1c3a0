package app.rechargeclose.telemetry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.Invocation;
import app.rechargeclose.recharge.Outcome;
import app.rechargeclose.wechatpay.UnverifiedResponseException;
import app.rechargeclose.wechatpay.WechatPayClient.Host;
import app.rechargeclose.wechatpay.WechatPayClient.Operation;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * One JSON line per close and per upstream attempt on stdout, each a CloudWatch Embedded Metric
 * Format document: CloudWatch turns the named fields into metrics (closes by outcome, upstream
 * latency, retries, verification failures) and keeps the rest searchable, with no SDK and no
 * extra call. Lines carry ids, never key material or an openid.
 */
@Singleton
public class Telemetry {

    static final String NAMESPACE = "RechargeClose";
    private static final Logger LOG = Logger.getLogger(Telemetry.class);

    private final ObjectMapper json;
    private final PrintStream out = System.out;
    private final Clock clock = Clock.systemUTC();

    public Telemetry(ObjectMapper json) {
        this.json = json;
    }

    /** One upstream attempt: {@code failure} null when a verified answer came. */
    public void attempt(Invocation invocation, CloseCommand command, Operation operation, int attempt, Host host, Throwable failure,
            String requestId, Duration duration) {
        Outcome outcome = failure == null ? null : Outcome.describe(failure);
        Map<String, Object> line = document(List.of("Operation"), Map.of("UpstreamLatency", "Milliseconds", "Retries", "Count",
                "VerificationFailures", "Count"));
        line.put("Operation", operation.name().toLowerCase());
        line.put("UpstreamLatency", duration.toMillis());
        line.put("Retries", attempt > 1 ? 1 : 0);
        line.put("VerificationFailures", failure instanceof UnverifiedResponseException ? 1 : 0);
        line.put("event", "upstream_attempt");
        line.put("attempt", attempt);
        line.put("host", host.name().toLowerCase());
        line.put("outcome", outcome == null ? "ANSWERED" : outcome.code());
        line.put("status", outcome == null ? 200 : failure instanceof WechatPayException upstream ? upstream.status() : 0);
        putIds(line, invocation, command, outcome == null ? requestId : outcome.requestId());
        line.put("duration_ms", duration.toMillis());
        write(line);
    }

    /** The end of one close: an HTTP invocation, or one SQS message ({@code messageId} set). */
    public void close(Invocation invocation, CloseCommand command, String messageId, Outcome outcome, Duration duration) {
        Map<String, Object> line = document(List.of("Handler", "Outcome"), Map.of("Closes", "Count", "CloseDuration", "Milliseconds"));
        line.put("Handler", invocation.handler());
        line.put("Outcome", outcome.code());
        line.put("Closes", 1);
        line.put("CloseDuration", duration.toMillis());
        line.put("event", "close");
        putIds(line, invocation, command, outcome.requestId());
        if (messageId != null) {
            line.put("message_id", messageId);
        }
        line.put("outcome", outcome.code());
        line.put("status", outcome.status());
        if (!outcome.isClosed()) {
            line.put("reason", outcome.message());
        }
        line.put("duration_ms", duration.toMillis());
        write(line);
    }

    /** The end of one SQS invocation: how many messages came and how many go back for a retry. */
    public void batch(Invocation invocation, int messages, int failures, Duration duration) {
        Map<String, Object> line = document(List.of("Handler"), Map.of("BatchSize", "Count", "BatchItemFailures", "Count"));
        line.put("Handler", invocation.handler());
        line.put("BatchSize", messages);
        line.put("BatchItemFailures", failures);
        line.put("event", "sqs_batch");
        line.put("lambda_request_id", invocation.lambdaRequestId());
        line.put("duration_ms", duration.toMillis());
        write(line);
    }

    /** Once per start of the aot package: whether the JVM mapped the AOT cache the build trained for it. */
    public void aotCache(String handler, String cache, boolean mapped) {
        Map<String, Object> line = document(List.of("Handler"), Map.of("AotCacheMisses", "Count"));
        line.put("Handler", handler);
        line.put("AotCacheMisses", mapped ? 0 : 1);
        line.put("event", "start");
        line.put("aot_cache", cache);
        line.put("aot_cache_mapped", mapped);
        write(line);
    }

    private Map<String, Object> document(List<String> dimensions, Map<String, String> metricUnits) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(Map.of("Namespace", NAMESPACE,
                "Dimensions", List.of(dimensions), "Metrics", metricUnits.entrySet().stream()
                        .map(metric -> Map.of("Name", metric.getKey(), "Unit", metric.getValue())).toList()))));
        return line;
    }

    /** Only validated values reach a line: an invalid command has none to show. */
    private static void putIds(Map<String, Object> line, Invocation invocation, CloseCommand command, String requestId) {
        line.put("lambda_request_id", invocation.lambdaRequestId());
        line.put("wechatpay_request_id", requestId);
        if (command != null) {
            line.put("out_recharge_no", command.outRechargeNo());
            line.put("sub_mchid", command.subMchid());
        }
    }

    /** Telemetry must never fail a close: a line that cannot be written is logged and dropped. */
    private void write(Map<String, Object> line) {
        try {
            out.println(json.writeValueAsString(line));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf("a telemetry line could not be written: %s", e.getClass().getSimpleName());
        }
    }
}
