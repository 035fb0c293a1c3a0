package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.DeadLetterQueueResource;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A failure retrying cannot change goes to the dead-letter queue (moto_server's SQS) at once, with
 * its reason, and is acknowledged; everything else that failed is reported for a retry as before.
 */
@QuarkusTest
@TestProfile(SqsHandlerProfile.class)
@WithTestResource(DeadLetterQueueResource.class)
class DeadLetterQueueTest {

    @BeforeEach
    void emptyTheQueue() {
        DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl());
    }

    @Test
    void sendsTheFinalFailuresOfAMixedBatchToTheDeadLetterQueueAndReportsTheRest() throws Exception {
        ObjectNode event = Events.fixture("sqs-mixed-batch.json");

        // 4 (a 500), 6 (a bad signature) and 9 (still RECHARGING) may close later; 2, 3 and 8 are no valid command;
        // 5 was paid: an outcome, acknowledged, no letter for an operator.
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600004", "059f36b4-87a3-44ab-83d2-661975600006",
                "059f36b4-87a3-44ab-83d2-661975600009"), MockLambda.failedIds(event));

        Map<String, Message> dead = byOriginalId(DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl()));
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002", "059f36b4-87a3-44ab-83d2-661975600003",
                "059f36b4-87a3-44ab-83d2-661975600008"), dead.keySet().stream().sorted().toList());

        Message invalid = dead.get("059f36b4-87a3-44ab-83d2-661975600002");
        assertEquals(event.get("Records").get(1).get("body").asText(), invalid.body(), "the original body, unchanged");
        assertEquals("INVALID_ARGUMENT", attribute(invalid, "error_code"));
        assertTrue(attribute(invalid, "error_message").contains("out_recharge_no"));
        assertFalse(invalid.messageAttributes().containsKey("out_recharge_no"), "only a valid command's ids are attributes");
        assertFalse(invalid.messageAttributes().containsKey("wechatpay_request_id"), "WeChat Pay was not asked");

        assertEquals("not json at all", dead.get("059f36b4-87a3-44ab-83d2-661975600003").body());
        assertEquals("INVALID_ARGUMENT", attribute(dead.get("059f36b4-87a3-44ab-83d2-661975600003"), "error_code"));

    }

    /** A final failure with WeChat Pay's answer carries its ids: the recharge and WeChat Pay's Request-ID. */
    @Test
    void aFinalUpstreamFailureCarriesItsIds() throws Exception {
        ObjectNode event = Events.sqsBatch(List.of(Scenario.E404.outRechargeNo("ids")));
        assertEquals(List.of(), MockLambda.failedIds(event));

        Message notFound = DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl()).getFirst();
        assertEquals("ORDER_NOT_EXIST", attribute(notFound, "error_code"));
        assertEquals(Scenario.E404.outRechargeNo("ids"), attribute(notFound, "out_recharge_no"));
        assertEquals("1900001121", attribute(notFound, "sub_mchid"));
        assertTrue(attribute(notFound, "wechatpay_request_id").matches("[0-9A-F]{44}-0"));
        assertEquals(event.get("Records").get(0).get("body").asText(), notFound.body());
    }

    /**
     * WeChat Pay's 403, 404 and 400 PARAM_ERROR are final and go to the dead-letter queue; a payment the
     * query found is an outcome, acknowledged without a letter; 401, 429, another 400 and a foreign answer may change.
     */
    @Test
    void tellsFinalUpstreamAnswersFromOnesThatMayChange() throws Exception {
        ObjectNode event = Events.sqsBatch(Stream.of(Scenario.E403, Scenario.E404, Scenario.PARAMERR, Scenario.DOUBTPAID,
                Scenario.E401, Scenario.E400, Scenario.E429, Scenario.OTHERNO).map(scenario -> scenario.outRechargeNo("dlq")).toList());

        assertEquals(List.of("message-E401dlq", "message-E400dlq", "message-E429dlq", "message-OTHERNOdlq"), MockLambda.failedIds(event));

        Map<String, Message> dead = byOriginalId(DeadLetterQueueResource.moto().drain(DeadLetterQueueResource.queueUrl()));
        assertEquals(Map.of("message-E403dlq", "NO_AUTH", "message-E404dlq", "ORDER_NOT_EXIST", "message-PARAMERRdlq", "PARAM_ERROR"),
                dead.values().stream().collect(Collectors.toMap(message -> attribute(message, "original_message_id"),
                        message -> attribute(message, "error_code"))));
        assertEquals("商户无权限", attribute(dead.get("message-E403dlq"), "error_message"), "WeChat Pay's own message");
        assertEquals(1, DeadLetterQueueResource.simulator().queriesFor(Scenario.PARAMERR.outRechargeNo("dlq")).size(),
                "a 400 is final only once the query had its say");
    }

    static Map<String, Message> byOriginalId(List<Message> messages) {
        return messages.stream().collect(Collectors.toMap(message -> attribute(message, "original_message_id"), Function.identity()));
    }

    static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        assertTrue(value != null, name + " in " + message.messageAttributes().keySet());
        assertEquals("String", value.dataType());
        return value.stringValue();
    }
}
