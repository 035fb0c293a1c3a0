package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.EmbeddedMetrics;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.RunningFunction;

/**
 * The packaged sqs function under AWS's runtime interface client, set up as the Terraform deploys
 * it: no key in the environment, {@code WECHATPAY_SECRET_ID} naming a Secrets Manager secret
 * (moto_server), and the WeChat Pay simulator answering.
 */
class SqsFunctionIT {

    private static MotoServer moto;
    private static RunningFunction running;
    private static WeChatPaySimulator simulator;
    private static LambdaRuntimeEmulator runtime;

    @BeforeAll
    static void startFunction() throws Exception {
        moto = MotoServer.start();
        String arn = moto.createKeySecret("recharge-close/wechatpay");
        running = Contract.held(RunningFunction.start("sqs", environment -> moto.useKeySecret(environment, arn)), Contract.MIXED_BATCH_REFUSED);
        simulator = running.simulator();
        runtime = running.runtime();
    }

    @AfterAll
    static void stopFunction() throws Exception {
        running.close();
        moto.close();
    }

    /** Closed (1, 7, 10) and paid (5) are acknowledged; the rest comes back (no dead-letter queue here). */
    @Test
    void acknowledgesOnlyClosedAndPaidRechargesOfAMixedBatch() throws Exception {
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002", "059f36b4-87a3-44ab-83d2-661975600003",
                "059f36b4-87a3-44ab-83d2-661975600004", "059f36b4-87a3-44ab-83d2-661975600006",
                "059f36b4-87a3-44ab-83d2-661975600008", "059f36b4-87a3-44ab-83d2-661975600009"),
                failedIds(Events.fixture("sqs-mixed-batch.json").toString()));
        assertTrue(simulator.callsFor("sqsok1").get(0).signatureValid());
    }

    @Test
    void keepsFifoOrder() throws Exception {
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002", "059f36b4-87a3-44ab-83d2-661975600003"),
                failedIds(Events.fixture("sqs-fifo-batch.json").toString()));
        assertTrue(simulator.callsFor("fifook3").isEmpty());
        assertEquals(1, simulator.callsFor("fifook4").size());
    }

    @Test
    void neverFailsTheBatchForAnEventOfTheWrongShape() throws Exception {
        assertEquals(List.of(), failedIds("{\"Records\": []}"));
        LogHygiene.assertClean(running.function().log());
    }

    @Test
    void writesOneEmbeddedMetricLinePerBatch() throws Exception {
        failedIds(Events.sample("sqs-batch.json").toString());

        String log = running.function().awaitLog(text -> text.contains("\"BatchSize\":2"), Duration.ofSeconds(10));
        List<JsonNode> batches = EmbeddedMetrics.lines(log).stream()
                .filter(line -> line.path("event").asText().equals("sqs_batch")).toList();
        JsonNode last = batches.get(batches.size() - 1);
        assertEquals(2, last.get("BatchSize").asInt());
        assertEquals(1, last.get("BatchItemFailures").asInt(), "the sample's E404 message");
        assertFalse(last.get("lambda_request_id").asText().isBlank());
    }

    private static List<String> failedIds(String event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = runtime.invoke(event, Duration.ofSeconds(30));
        assertFalse(outcome.error(), outcome.body());
        return MockLambda.failedIdsOf(outcome.body());
    }
}
