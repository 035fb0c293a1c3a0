package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.RunningFunction;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The packaged sqs function with its own dead-letter queue in moto_server's SQS, found only through
 * {@code AWS_ENDPOINT_URL_SQS} (no {@code AWS_ENDPOINT_URL}), as a deployment points the SDK at an endpoint.
 */
class DeadLetterFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MotoServer moto;
    private static String queueUrl;
    private static RunningFunction running;

    @BeforeAll
    static void startFunction() throws Exception {
        moto = MotoServer.start();
        queueUrl = moto.createQueue("recharge-close-dlq");
        running = Contract.held(RunningFunction.start("sqs", environment -> {
            environment.put("SQS_DEAD_LETTER_QUEUE_URL", queueUrl);
            environment.put("AWS_ENDPOINT_URL_SQS", moto.endpoint());
            environment.put("AWS_ACCESS_KEY_ID", "testing");
            environment.put("AWS_SECRET_ACCESS_KEY", "testing");
            environment.put("WECHATPAY_TIMEOUT", "5s"); // a cold function on a busy machine: no attempt here is meant to time out
        }), Contract.MIXED_BATCH_REFUSED);
    }

    @AfterAll
    static void stopFunction() throws Exception {
        running.close();
        moto.close();
    }

    @Test
    void sendsFinalFailuresToTheDeadLetterQueueWithAnSqsClientMadeOnFirstUse() throws Exception {
        assertEquals(List.of(), failedIds(Events.sqsBatch(List.of("dlqwarm")).toString()));
        assertEquals(0, clientsMade(), "no SQS client is made at start, nor by a close");

        List<String> failed = failedIds(Events.fixture("sqs-mixed-batch.json").toString());

        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600004", "059f36b4-87a3-44ab-83d2-661975600006",
                "059f36b4-87a3-44ab-83d2-661975600009"), failed);
        Map<String, String> codes = moto.drain(queueUrl).stream().collect(Collectors.toMap(
                message -> message.messageAttributes().get("original_message_id").stringValue(), DeadLetterFunctionIT::errorCode));
        assertEquals(Map.of("059f36b4-87a3-44ab-83d2-661975600002", "INVALID_ARGUMENT", "059f36b4-87a3-44ab-83d2-661975600003", "INVALID_ARGUMENT",
                "059f36b4-87a3-44ab-83d2-661975600008", "INVALID_ARGUMENT"), codes, "the paid recharge (5) is an outcome, not a letter");
        assertEquals(1, clientsMade(), "one SQS client, made for the first dead letter");

        String notFound = Scenario.E404.outRechargeNo("dlqit");
        assertEquals(List.of(), failedIds(Events.sqsBatch(List.of(notFound)).toString()));
        String log = running.function().awaitLog(text -> text.lines().anyMatch(line -> sentToTheDeadLetterQueue(line, notFound)), Duration.ofSeconds(10));
        JsonNode sent = log.lines().filter(line -> sentToTheDeadLetterQueue(line, notFound)).map(DeadLetterFunctionIT::parse).findFirst()
                .orElseThrow(() -> new AssertionError(log));
        assertEquals(notFound, sent.get("mdc").get("out_recharge_no").asText());
        assertTrue(sent.get("mdc").get("wechatpay_request_id").asText().endsWith("-0"), sent.toString());
        assertFalse(sent.get("mdc").get("lambda_request_id").asText().isBlank(), sent.toString());
        LogHygiene.assertClean(running.function().log());
    }

    /** The function's own word for it, which a JVM and the native executable both write. */
    private static long clientsMade() throws Exception {
        return running.function().log().lines().filter(line -> line.contains(SqsCalls.CLIENT_MADE)).count();
    }

    private static boolean sentToTheDeadLetterQueue(String line, String outRechargeNo) {
        return line.contains("sent to the dead-letter queue") && line.contains("\"" + outRechargeNo + "\"");
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException notJson) {
            throw new AssertionError("not a JSON line: " + line, notJson);
        }
    }

    private static String errorCode(Message message) {
        return message.messageAttributes().get("error_code").stringValue();
    }

    private static List<String> failedIds(String event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = running.runtime().invoke(event, Duration.ofSeconds(30));
        assertFalse(outcome.error(), outcome.body());
        return MockLambda.failedIdsOf(outcome.body());
    }
}
