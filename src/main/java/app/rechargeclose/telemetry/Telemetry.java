package app.rechargeclose.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.Attempt;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.wechatpay.KeyringEvents;
import app.rechargeclose.wechatpay.Verdict;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * One JSON line per close and per upstream attempt on stdout, each a CloudWatch Embedded Metric
 * Format document: CloudWatch turns the named fields into metrics (closes by outcome, upstream
 * latency, retries, verification failures) and keeps the rest searchable, with no SDK and no
 * extra call. Lines carry ids, never key material or an openid. It also says, once per value,
 * when WeChat Pay sent an enum value or a field this version does not know (passed on unchanged).
 */
@Singleton
public class Telemetry implements KeyringEvents {

    /** Every metric, its unit and its dimensions, by line: read by this class and by infra/'s checks of the alarms. */
    static final String METRICS_FILE = "emf-metrics.json";
    /** Lambda names the function in its environment: two deployments in one account never share a dimension. */
    private static final String FUNCTION_NAME = Objects.requireNonNullElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME"), "local");
    private static final Logger LOG = Logger.getLogger(Telemetry.class);

    private final ObjectMapper json;
    /** Each kind of line's EMF directive (namespace, dimensions, metrics and units), made once from {@link #METRICS_FILE}. */
    private final Map<String, Map<String, Object>> directives;
    private final PrintStream out = System.out;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> reportedUnknownValues = ConcurrentHashMap.newKeySet();

    public Telemetry(ObjectMapper json) {
        this.json = json;
        this.directives = directives(json);
    }

    private static Map<String, Map<String, Object>> directives(ObjectMapper json) {
        JsonNode declared;
        try (InputStream in = Telemetry.class.getClassLoader().getResourceAsStream(METRICS_FILE)) {
            declared = json.readTree(Objects.requireNonNull(in, METRICS_FILE + " is missing from the build"));
        } catch (IOException e) {
            throw new UncheckedIOException(METRICS_FILE + " cannot be read", e);
        }
        String namespace = declared.path("namespace").asText();
        Map<String, Map<String, Object>> directives = new HashMap<>();
        declared.path("documents").properties().forEach(document -> {
            List<String> dimensions = new ArrayList<>();
            document.getValue().path("dimensions").forEach(dimension -> dimensions.add(dimension.asText()));
            List<Map<String, String>> units = new ArrayList<>();
            document.getValue().path("metrics").properties()
                    .forEach(metric -> units.add(Map.of("Name", metric.getKey(), "Unit", metric.getValue().asText())));
            directives.put(document.getKey(), Map.of("Namespace", namespace, "Dimensions", List.of(dimensions), "Metrics", units));
        });
        return Map.copyOf(directives);
    }

    /** What the close use case tells of its attempts, written as lines of this invocation. */
    public Attempt.Listener attempts(InvocationIds invocation) {
        return attempt -> attempt(invocation, attempt);
    }

    /** An attempt's outcome is its {@link Verdict} (ANSWERED for a verified answer about our recharge; INTERNAL_ERROR for a bug of ours). */
    private void attempt(InvocationIds invocation, Attempt attempt) {
        Optional<Verdict> verdict = attempt.failure().flatMap(WechatPayException::verdictOf);
        Map<String, Object> line = document("upstream_attempt");
        line.put("Operation", attempt.operation().name().toLowerCase());
        line.put("UpstreamLatency", attempt.duration().toMillis());
        line.put("Retries", attempt.number() > 1 ? 1 : 0);
        line.put("VerificationFailures", verdict.filter(Verdict::isVerificationFailure).isPresent() ? 1 : 0);
        line.put("event", "upstream_attempt");
        line.put("attempt", attempt.number());
        line.put("host", attempt.host().name().toLowerCase());
        line.put("outcome", attempt.failure().isEmpty() ? "ANSWERED" : verdict.map(Verdict::name).orElse("INTERNAL_ERROR"));
        line.put("status", attempt.failure().map(failure -> failure instanceof WechatPayException upstream ? upstream.status() : 0).orElse(200));
        putIds(line, invocation, attempt.command(), attempt.requestId());
        line.put("duration_ms", attempt.duration().toMillis());
        write(line);
    }

    /**
     * The end of one close: an HTTP invocation, or one SQS message ({@code messageId} set).
     *
     * @param actor who asked (the API caller, a queued close's sender or whoever scheduled it), when known
     */
    public void close(InvocationIds invocation, CloseCommand command, String messageId, Optional<String> actor, CloseOutcome outcome,
            Duration duration) {
        Map<String, Object> line = document("close");
        line.put("Handler", invocation.handler());
        line.put("Outcome", outcome.code());
        line.put("Closes", 1);
        line.put("CloseDuration", duration.toMillis());
        line.put("event", "close");
        putIds(line, invocation, command, outcome.requestId());
        if (messageId != null) {
            line.put(LogContext.MESSAGE_ID, messageId);
        }
        actor.ifPresent(who -> line.put("actor", who));
        line.put("outcome", outcome.code());
        line.put("status", outcome.status());
        if (!outcome.isClosed()) {
            line.put("reason", outcome.message());
        }
        line.put("duration_ms", duration.toMillis());
        write(line);
        outcome.recharge().ifPresent(answer -> reportUnknownValues(answer.body(), invocation, command, outcome.requestId()));
    }

    /** The end of one SQS invocation: how many messages came and how many go back for a retry. */
    public void batch(InvocationIds invocation, int messages, int failures, Duration duration) {
        Map<String, Object> line = document("sqs_batch");
        line.put("Handler", invocation.handler());
        line.put("BatchSize", messages);
        line.put("BatchItemFailures", failures);
        line.put("event", "sqs_batch");
        line.put(LogContext.LAMBDA_REQUEST_ID, invocation.lambdaRequestId());
        line.put("duration_ms", duration.toMillis());
        write(line);
    }

    /** Once per start of the aot package: whether the JVM mapped the AOT cache the build trained for it. */
    public void aotCache(String handler, String cache, boolean mapped) {
        Map<String, Object> line = document("start");
        line.put("Handler", handler);
        line.put("AotCacheMisses", mapped ? 0 : 1);
        line.put("event", "start");
        line.put("aot_cache", cache);
        line.put("aot_cache_mapped", mapped);
        write(line);
    }

    /** Each read of the keys: how many days each kind of certificate among them has left, a line per kind. */
    @Override
    public void read(Map<String, Instant> certificateExpiries) {
        Map<String, Object> keys = document("keys");
        keys.put("KeyReadFailures", 0);
        keys.put("event", "keys_read");
        write(keys);
        certificateExpiries.forEach((kind, notAfter) -> {
            Map<String, Object> line = document("certificate");
            line.put("Certificate", kind);
            line.put("CertificateDaysLeft", Duration.between(clock.instant(), notAfter).toDays());
            line.put("event", "certificate");
            line.put("not_after", notAfter.toString());
            write(line);
        });
    }

    /** A read of the keys that failed: the held keys stay in use, and the alarm on this metric tells someone to look. */
    @Override
    public void readFailed() {
        Map<String, Object> line = document("keys");
        line.put("KeyReadFailures", 1);
        line.put("event", "keys_read_failed");
        write(line);
    }

    /** An outcome event the bus did not take: the platform has not heard of that close (a queued one comes back and tries again). */
    public void outcomeEventFailed(String handler) {
        Map<String, Object> line = document("outcome_event");
        line.put("Handler", handler);
        line.put("OutcomeEventFailures", 1);
        line.put("event", "outcome_event_failed");
        write(line);
    }

    /** A line of one kind, with its EMF directive as {@link #METRICS_FILE} declares it; the caller puts the values. */
    private Map<String, Object> document(String event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directives.get(event))));
        line.put("FunctionName", FUNCTION_NAME);
        return line;
    }

    /** Only validated values reach a line: an invalid command has none to show. */
    private static void putIds(Map<String, Object> line, InvocationIds invocation, CloseCommand command, Optional<String> requestId) {
        line.put(LogContext.LAMBDA_REQUEST_ID, invocation.lambdaRequestId());
        line.put(LogContext.WECHATPAY_REQUEST_ID, requestId.orElse(null));
        if (command != null) {
            line.put(LogContext.OUT_RECHARGE_NO, command.outRechargeNo());
            line.put(LogContext.SUB_MCHID, command.subMchid());
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

    /** WeChat Pay adds enum values and fields without notice: they are passed on, and said once per value. */
    private void reportUnknownValues(Recharge recharge, InvocationIds invocation, CloseCommand command, Optional<String> requestId) {
        Stream.concat(
                Stream.of(recharge.rechargeState()).filter(state -> !state.isKnown()).map(state -> "recharge_state " + state),
                recharge.undocumentedFields().stream().map(field -> "field " + field))
                .filter(reportedUnknownValues::add)
                .forEach(what -> LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), requestId.orElse(null),
                        () -> LOG.infof("WeChat Pay sent an unknown %s; passed on unchanged", what)));
    }
}
