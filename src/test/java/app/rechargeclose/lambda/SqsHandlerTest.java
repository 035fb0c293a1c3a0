package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The SQS handler: only messages WeChat Pay confirmed CLOSED are acknowledged. */
@QuarkusTest
@TestProfile(SqsHandlerProfile.class)
@WithTestResource(SimulatorResource.class)
class SqsHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acknowledgesOnlyMessagesConfirmedClosedInAMixedBatch() throws Exception {
        List<String> failed = MockLambda.failedIds(Events.fixture("sqs-mixed-batch.json"));

        // 1, 7 and 10 (unknown enum values, still CLOSED) were closed and 5 was paid; every other one must come back.
        assertEquals(List.of(
                "059f36b4-87a3-44ab-83d2-661975600002",
                "059f36b4-87a3-44ab-83d2-661975600003",
                "059f36b4-87a3-44ab-83d2-661975600004",
                "059f36b4-87a3-44ab-83d2-661975600006",
                "059f36b4-87a3-44ab-83d2-661975600008",
                "059f36b4-87a3-44ab-83d2-661975600009"), failed);
        assertEquals(1, SimulatorResource.simulator().callsFor("sqsok1").size());
        assertEquals(1, SimulatorResource.simulator().callsFor(Scenario.PAID.outRechargeNo("sqs5")).size());
        assertTrue(SimulatorResource.simulator().callsFor("sqs-bad").isEmpty(), "invalid commands never reach WeChat Pay");
    }

    @Test
    void stopsAFifoMessageGroupAtItsFirstFailureWithoutSendingTheRest() throws Exception {
        List<String> failed = MockLambda.failedIds(Events.fixture("sqs-fifo-batch.json"));

        // 1-3 are one message group: 2 fails, so 3 is not sent. 4 is another group and goes ahead.
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002", "059f36b4-87a3-44ab-83d2-661975600003"), failed);
        assertEquals(1, SimulatorResource.simulator().callsFor("fifook1").size());
        assertTrue(SimulatorResource.simulator().callsFor("fifook3").isEmpty());
        assertEquals(1, SimulatorResource.simulator().callsFor("fifook4").size());
    }

    @Test
    void acknowledgesTheSampleBatchButItsMissingRecharge() throws Exception {
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002"), MockLambda.failedIds(Events.sample("sqs-batch.json")));
    }

    /** A payment that won the race is an outcome, not a failure: acknowledged like a close (its event tells the platform). */
    @Test
    void acknowledgesARechargePaidInsteadOfClosed() throws Exception {
        ObjectNode event = Events.sample("sqs-batch.json");
        ((ObjectNode) event.get("Records").get(0)).put("body", "{\"out_recharge_no\": \"DOUBTPAIDsqs\", \"sub_mchid\": \"1900001121\"}");
        ((ObjectNode) event.get("Records").get(1)).put("body", "{\"out_recharge_no\": \"DOUBTCLOSEDsqs\", \"sub_mchid\": \"1900001121\"}");
        assertEquals(List.of(), MockLambda.failedIds(event));
    }

    @Test
    void acknowledgesARedeliveredCloseOfARechargeClosedBefore() throws Exception {
        // SQS delivers at least once: the second delivery hears "the state does not allow closing"
        ObjectNode event = Events.sample("sqs-batch.json");
        ((ObjectNode) event.get("Records").get(0)).put("body", "{\"out_recharge_no\": \"CLOSEDBEFOREsqs\", \"sub_mchid\": \"1900001121\"}");
        ((ObjectNode) event.get("Records").get(1)).put("body", "{\"out_recharge_no\": \"E400sqs\", \"sub_mchid\": \"1900001121\"}");
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600002"), MockLambda.failedIds(event), "a refusal of an open recharge still comes back");
        assertEquals(1, SimulatorResource.simulator().queriesFor(Scenario.CLOSEDBEFORE.outRechargeNo("sqs")).size());
    }

    @Test
    void reportsHostileMessagesWithoutCallingWeChatPayAndStillClosesTheRest() throws Exception {
        ObjectNode event = Events.fixture("sqs-mixed-batch.json");
        var records = (com.fasterxml.jackson.databind.node.ArrayNode) event.get("Records");
        String[] bodies = {
            "{\"out_recharge_no\": \"../../v3/pay\", \"sub_mchid\": \"1900001121\"}",
            "{\"out_recharge_no\": \"hostile%2F1\", \"sub_mchid\": \"1900001121\"}",
            "{\"out_recharge_no\": \"充值单\", \"sub_mchid\": \"1900001121\"}",
            "{\"out_recharge_no\": null, \"sub_mchid\": null}",
            "{\"out_recharge_no\": [\"hostile4\"], \"sub_mchid\": \"1900001121\"}",
            "{\"out_recharge_no\": \"hostile5\", \"sub_mchid\": \"1900001121\", \"pad\": \"" + "x".repeat(10_000) + "\"}",
            "",
            "{\"out_recharge_no\": \"hostiledup\", \"sub_mchid\": \"1900001121\"}",
            "{\"out_recharge_no\": \"hostiledup\", \"sub_mchid\": \"1900001121\"}",
        };
        for (int i = 0; i < bodies.length; i++) {
            ((ObjectNode) records.get(i)).put("body", bodies[i]);
        }
        ((ObjectNode) records.get(6)).putNull("body");

        List<String> failed = MockLambda.failedIds(event);

        // the duplicates (8 and 9) are both closed; message 10 of the fixture is untouched and closes too
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600001", "059f36b4-87a3-44ab-83d2-661975600002",
                "059f36b4-87a3-44ab-83d2-661975600003", "059f36b4-87a3-44ab-83d2-661975600004", "059f36b4-87a3-44ab-83d2-661975600005",
                "059f36b4-87a3-44ab-83d2-661975600006", "059f36b4-87a3-44ab-83d2-661975600007"), failed);
        assertEquals(2, SimulatorResource.simulator().callsFor("hostiledup").size());
        assertTrue(SimulatorResource.simulator().calls().stream().noneMatch(call -> call.uri().contains("hostile%2F1")
                || call.uri().contains("..") || call.uri().contains("hostile5")));
    }

    @Test
    void neverAcknowledgesAVerifiedAnswerAboutAnotherRecharge() throws Exception {
        ObjectNode event = Events.sqsBatch(List.of(Scenario.OTHERNO.outRechargeNo("sqs"), Scenario.QUERYOTHER.outRechargeNo("sqs"),
                Scenario.OTHERSP.outRechargeNo("sqs"), "sqsbound"));
        assertEquals(List.of("message-OTHERNOsqs", "message-QUERYOTHERsqs", "message-OTHERSPsqs"), MockLambda.failedIds(event));
        assertEquals(1, SimulatorResource.simulator().queriesFor(Scenario.QUERYOTHER.outRechargeNo("sqs")).size(),
                "the query answered about another recharge");
    }

    @Test
    void reportsAMessageWithAnythingAfterItsCommandWithoutCallingWeChatPay() throws Exception {
        ObjectNode event = Events.sqsBatch(List.of("trailing1", "trailing2", "trailing3"));
        var records = event.get("Records");
        ((ObjectNode) records.get(0)).put("body", "{\"out_recharge_no\": \"trailing1\", \"sub_mchid\": \"1900001121\"} {\"out_recharge_no\": \"x\"}");
        ((ObjectNode) records.get(1)).put("body", "{\"out_recharge_no\": \"trailing2\", \"sub_mchid\": \"1900001121\"}garbage");
        ((ObjectNode) records.get(2)).put("body", "{\"out_recharge_no\": \"trailing3\", \"sub_mchid\": \"1900001121\"}\n");

        assertEquals(List.of("message-trailing1", "message-trailing2"), MockLambda.failedIds(event), "trailing whitespace is still one command");
        assertTrue(SimulatorResource.simulator().callsFor("trailing1").isEmpty());
        assertTrue(SimulatorResource.simulator().callsFor("trailing2").isEmpty());
    }

    /** A command naming two recharges is no command: refused (a final failure), WeChat Pay never called for either. */
    @Test
    void reportsACommandWithAFieldTwiceWithoutCallingWeChatPay() throws Exception {
        ObjectNode event = Events.sqsBatch(List.of("dupfield1", "dupfield2"));
        ((ObjectNode) event.get("Records").get(0)).put("body",
                "{\"out_recharge_no\": \"dupfield1\", \"sub_mchid\": \"1900001121\", \"out_recharge_no\": \"dupfieldother\"}");

        assertEquals(List.of("message-dupfield1"), MockLambda.failedIds(event));
        assertTrue(SimulatorResource.simulator().callsFor("dupfield1").isEmpty());
        assertTrue(SimulatorResource.simulator().callsFor("dupfieldother").isEmpty());
        assertEquals(1, SimulatorResource.simulator().callsFor("dupfield2").size());
    }

    @Test
    void answersAnEventOfAnotherShapeWithNoFailuresToReport() throws Exception {
        assertEquals(List.of(), MockLambda.failedIds(Events.sample("http-close.json")));
    }

    @Test
    void neverAcknowledgesAnErrorBodyThatClaimsClosed() throws Exception {
        ObjectNode event = Events.sample("sqs-batch.json");
        ((ObjectNode) event.get("Records").get(0)).put("body", "{\"out_recharge_no\": \"FAKECLOSEDsqs\", \"sub_mchid\": \"1900001121\"}");
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600001", "059f36b4-87a3-44ab-83d2-661975600002"), MockLambda.failedIds(event));
    }

    @Test
    void answersAnEmptyBatchWithNoFailures() throws Exception {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records");
        assertEquals(List.of(), MockLambda.failedIds(event));
    }

    @Test
    void reportsEveryMessageOfABatchWhoseUpstreamTimesOut() throws Exception {
        ObjectNode event = Events.sample("sqs-batch.json");
        ((ObjectNode) event.get("Records").get(0)).put("body", "{\"out_recharge_no\": \"SLOWsqs\", \"sub_mchid\": \"1900001121\"}");
        assertEquals(List.of("059f36b4-87a3-44ab-83d2-661975600001", "059f36b4-87a3-44ab-83d2-661975600002"), MockLambda.failedIds(event));
    }
}
