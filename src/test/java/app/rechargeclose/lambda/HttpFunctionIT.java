package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.EmbeddedMetrics;
import app.rechargeclose.testing.ErrorTable;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.RunningFunction;

/** The packaged http function under AWS's runtime interface client, against the WeChat Pay simulator. */
class HttpFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);

    private static RunningFunction running;
    private static WeChatPaySimulator simulator;
    private static LambdaRuntimeEmulator runtime;
    private static PackagedFunction function;

    @BeforeAll
    static void startFunction() throws Exception {
        running = Contract.held(RunningFunction.start("http", environment -> { }));
        simulator = running.simulator();
        runtime = running.runtime();
        function = running.function();
    }

    @AfterAll
    static void stopFunction() throws Exception {
        running.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cz2020042013", "SEEDit", "NEWENUMit", "CERTit"})
    void closesTheRechargeAndPassesTheVerifiedObjectOn(String outRechargeNo) throws Exception {
        HttpReply reply = invoke(Events.closeEvent(outRechargeNo).toString());

        assertEquals(200, reply.status(), reply.rawBody());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(outRechargeNo, reply.body().get("out_recharge_no").asText());
        assertFalse(reply.requestId().isBlank());
    }

    @Test
    void refusesAnInvalidCommand() throws Exception {
        HttpReply reply = invoke(Events.closeEvent("bad-no").toString());
        assertEquals(400, reply.status());
        assertEquals("INVALID_ARGUMENT", reply.body().get("code").asText());
    }

    /** The handler tests' error table, row by row, answered by the packaged function. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("app.rechargeclose.testing.ErrorTable#upstreamFailures")
    void answersEveryUpstreamFailureLikeTheContractSays(ErrorTable.Row row) throws Exception {
        String outRechargeNo = row.scenario().outRechargeNo("it");
        HttpReply reply = invoke(Events.closeEvent(outRechargeNo).toString());

        assertEquals(row.status(), reply.status(), reply.rawBody());
        assertEquals(row.code(), reply.body().get("code").asText());
        assertFalse(reply.body().has("recharge_state"));
        assertEquals(row.closes(), simulator.callsFor(outRechargeNo).size());
        assertEquals(row.queries(), simulator.queriesFor(outRechargeNo).size());
    }

    @Test
    void closesOnTheThirdAttemptAfterTwo500s() throws Exception {
        String flaky = Scenario.FLAKY.outRechargeNo("it");
        HttpReply reply = invoke(Events.closeEvent(flaky).toString());

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(3, simulator.callsFor(flaky).size());
        assertTrue(simulator.callsFor(flaky).stream().allMatch(WeChatPaySimulator.Call::signatureValid));
    }

    /**
     * 1.8 s left, 1 s kept for answering: one shortened attempt and no retry, answered in time. What
     * holds on any machine is asserted; whether the query still fits in what a loaded machine leaves
     * is a question of milliseconds, which RechargeCloserTest answers exactly with its own clock.
     */
    @Test
    void neverRetriesPastTheInvocationDeadline() throws Exception {
        invoke(Events.closeEvent("warmdeadline").toString()); // the request path loaded, so the budget below goes to the call
        String slow = Scenario.SLOW.outRechargeNo("deadline");
        LambdaRuntimeEmulator.Outcome outcome = runtime.invoke(Events.closeEvent(slow).toString(), INVOCATION_TIMEOUT, Duration.ofMillis(1800));

        assertFalse(outcome.error(), outcome.body());
        assertEquals(504, HttpReply.of(outcome.body()).status());
        assertEquals(1, simulator.callsFor(slow).size(), "no retry: it would run past the deadline");
        assertTrue(simulator.queriesFor(slow).size() <= 1);
    }

    @Test
    void writesOneEmbeddedMetricLinePerCloseAndPerAttempt() throws Exception {
        String failing = Scenario.E500.outRechargeNo("emf");
        invoke(Events.closeEvent(failing).toString());

        List<JsonNode> lines = EmbeddedMetrics.lines(function.awaitLog(log -> log.contains("\"event\":\"close\",\"lambda_request_id")
                && log.lines().anyMatch(line -> line.contains("\"event\":\"close\"") && line.contains(failing)), Duration.ofSeconds(10)));
        List<JsonNode> attempts = lines.stream().filter(line -> failing.equals(line.path("out_recharge_no").asText())
                && line.path("event").asText().equals("upstream_attempt")).toList();
        assertEquals(List.of(1, 2, 3, 1), attempts.stream().map(line -> line.get("attempt").asInt()).toList(), "3 closes, 1 query");
        assertEquals(List.of(0, 1, 1, 0), attempts.stream().map(line -> line.get("Retries").asInt()).toList());
        assertEquals(List.of(500, 500, 500, 200), attempts.stream().map(line -> line.get("status").asInt()).toList());
        JsonNode close = lines.stream().filter(line -> failing.equals(line.path("out_recharge_no").asText())
                && line.path("event").asText().equals("close")).findFirst().orElseThrow();
        assertEquals("UPSTREAM_UNAVAILABLE", close.get("Outcome").asText());
        assertEquals(502, close.get("status").asInt());
        assertEquals("1900001121", close.get("sub_mchid").asText());
        assertTrue(close.get("wechatpay_request_id").asText().endsWith("-0"));
        assertFalse(close.get("lambda_request_id").asText().isBlank());
    }

    @Test
    void answersOtherRoutesAndMethods() throws Exception {
        assertEquals(404, invoke(Events.fixture("http-default-route-unknown-path.json").toString()).status());
        var get = Events.closeEvent("getit");
        get.put("routeKey", "$default").remove("pathParameters");
        ((com.fasterxml.jackson.databind.node.ObjectNode) get.with("requestContext").with("http")).put("method", "GET");
        assertEquals(405, invoke(get.toString()).status());
    }

    /** CloudWatch gets JSON only: the EMF lines as they were, every other line a JSON record with the invocation's ids. */
    @Test
    void writesEveryLogLineAsJsonWithTheInvocationsIds() throws Exception {
        invoke(Events.closeEvent(Scenario.NEWENUM.outRechargeNo("log")).toString());

        String log = function.awaitLog(text -> text.contains("WeChat Pay sent an unknown"), Duration.ofSeconds(10));
        List<JsonNode> lines = log.lines().filter(line -> !jvmOwnOutput(line)).map(HttpFunctionIT::parse).toList();
        List<JsonNode> records = lines.stream().filter(line -> !line.has("_aws")).toList();
        assertTrue(records.stream().allMatch(line -> line.has("timestamp") && line.has("level") && line.has("message")), log);
        // Reported once per container: by this close, or an earlier NEWENUM one.
        JsonNode unknown = records.stream().filter(line -> line.get("message").asText().startsWith("WeChat Pay sent an unknown"))
                .findFirst().orElseThrow();
        JsonNode ids = unknown.get("mdc");
        assertTrue(ids.path("out_recharge_no").asText().startsWith("NEWENUM"), unknown.toString());
        assertTrue(ids.path("wechatpay_request_id").asText().matches("[0-9A-F]{44}-0"), unknown.toString());
        assertTrue(ids.path("lambda_request_id").asText().matches("[0-9a-f-]{36}"), unknown.toString());
        assertFalse(EmbeddedMetrics.lines(log).isEmpty(), "the EMF lines are still there, still valid");
    }

    /**
     * What the JVM itself writes to stderr, outside any logger: its launch warnings (JDK 24+ warns
     * of the runtime client's native library) and the dump of an exception no one caught (on JDK 24+
     * jboss-threads' helper threads die without {@code --add-opens java.base/java.lang}).
     */
    private static boolean jvmOwnOutput(String line) {
        return line.isBlank() || line.startsWith("WARNING: ") || line.startsWith("Picked up JAVA_TOOL_OPTIONS")
                || line.startsWith("Exception in thread ") || line.startsWith("Caused by: ") || line.startsWith("\t");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException notJson) {
            throw new AssertionError("not a JSON line: " + line, notJson);
        }
    }

    @Test
    void logsNeitherKeyMaterialNorOpenid() throws Exception {
        HttpReply reply = invoke(Events.closeEvent(Scenario.QR.outRechargeNo("it")).toString());
        assertEquals(200, reply.status());
        assertTrue(reply.rawBody().contains("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"), "the caller gets the payer");

        String log = function.log();
        assertTrue(log.contains("recharge-close"), "the function logged its start");
        LogHygiene.assertClean(log);
    }

    private static HttpReply invoke(String event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = runtime.invoke(event, INVOCATION_TIMEOUT);
        assertFalse(outcome.error(), outcome.body());
        return HttpReply.of(outcome.body());
    }
}
