package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.scheduler.CloseSchedules;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.EmbeddedMetrics;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.RunningFunction;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every outcome reaches the platform: the packaged functions put it on an EventBridge bus of
 * moto's, whose rule delivers to a queue the test reads, as a platform's consumer would. An HTTP
 * close, a queued close and a close scheduled then fired each deliver exactly one event, with its
 * actor; a paid recharge is acknowledged with its event and leaves no dead letter; every event
 * keeps api/close-outcome-event.schema.json.
 */
class OutcomeEventsFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "arn:aws:iam::123456789012:user/recharge-ops"; // the sample events' IAM caller
    private static final String SENDER = "AIDACKCEVSQ6C2EXAMPLE"; // the sample SQS messages' SenderId
    private static final String GROUP = "recharge-close-events-it";

    private static MotoServer moto;
    private static String outcomes;
    private static String deadLetters;
    private static String commandQueueArn;
    private static String bus;
    private static RunningFunction http;
    private static RunningFunction sqs;

    @BeforeAll
    static void startFunctions() throws Exception {
        moto = MotoServer.start();
        outcomes = moto.createQueue("platform-outcomes");
        deadLetters = moto.createQueue("recharge-close-events-dlq");
        commandQueueArn = moto.queueArn(moto.createQueue("recharge-close-events-commands"));
        bus = moto.busToQueue("platform", "recharge-close", outcomes);
        try (SchedulerClient scheduler = moto.scheduler()) {
            scheduler.createScheduleGroup(request -> request.name(GROUP));
        }
        http = Contract.held(RunningFunction.start("http", environment -> {
            environment.putAll(moto.sdkEnvironment());
            environment.put("EVENTS_BUS_NAME", bus);
            environment.putAll(Map.of("SCHEDULE_GROUP_NAME", GROUP, "SCHEDULE_QUEUE_ARN", commandQueueArn,
                    "SCHEDULE_ROLE_ARN", "arn:aws:iam::123456789012:role/recharge-close-it-scheduler"));
        }));
        sqs = Contract.held(RunningFunction.start("sqs", environment -> {
            environment.putAll(moto.sdkEnvironment());
            environment.put("EVENTS_BUS_NAME", bus);
            environment.put("SQS_DEAD_LETTER_QUEUE_URL", deadLetters);
        }));
    }

    @AfterAll
    static void stopFunctions() throws Exception {
        http.close();
        sqs.close();
        moto.close();
    }

    @BeforeEach
    void forgetEarlierEvents() {
        moto.drain(outcomes);
    }

    @Test
    void anHttpCloseDeliversItsOutcomeWithItsCaller() throws Exception {
        HttpReply reply = HttpReply.of(http.runtime().invoke(Events.closeEvent("evhttp1").toString(), Duration.ofSeconds(30)).body());
        assertEquals(200, reply.status());

        JsonNode detail = onlyEvent().get("detail");
        assertEquals("CLOSED", detail.get("outcome").asText());
        assertEquals(200, detail.get("status").asInt());
        assertEquals("evhttp1", detail.get("out_recharge_no").asText());
        assertEquals("1900001121", detail.get("sub_mchid").asText());
        assertEquals("CLOSED", detail.get("recharge_state").asText());
        assertEquals(reply.requestId(), detail.get("wechatpay_request_id").asText());
        assertEquals("http", detail.get("handler").asText());
        assertEquals(CALLER, detail.get("actor").asText());
        assertEquals(detail.get("lambda_request_id").asText(), detail.get("event_id").asText(), "the id to drop duplicates by");
    }

    @Test
    void aQueuedCloseDeliversItsOutcomeWithItsSender() throws Exception {
        assertEquals(List.of(), failedIds(Events.sqsBatch(List.of("evsqs1"))));

        JsonNode detail = onlyEvent().get("detail");
        assertEquals("CLOSED", detail.get("outcome").asText());
        assertEquals("sqs", detail.get("handler").asText());
        assertEquals("message-evsqs1", detail.get("sqs_message_id").asText());
        assertEquals("message-evsqs1", detail.get("event_id").asText(), "a redelivery carries the same id");
        assertEquals(SENDER, detail.get("actor").asText());
        assertEquals(SENDER, detail.get("sender").asText());
    }

    @Test
    void aScheduledCloseDeliversTheScheduleAndThenTheCloseWithWhoScheduledIt() throws Exception {
        String outRechargeNo = "evsched1";
        Instant at = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode schedule = Events.closeEvent(outRechargeNo);
        schedule.with("queryStringParameters").put("close_at", at.toString());
        assertEquals(202, HttpReply.of(http.runtime().invoke(schedule.toString(), Duration.ofSeconds(30)).body()).status());
        JsonNode scheduled = onlyEvent().get("detail");
        assertEquals("SCHEDULED", scheduled.get("outcome").asText());
        assertEquals(at.toString(), scheduled.get("close_at").asText());
        assertEquals(CALLER, scheduled.get("actor").asText());

        // The schedule fires: its input reaches the queue, sent by the scheduler's role.
        String input;
        try (SchedulerClient scheduler = moto.scheduler()) {
            input = scheduler.getSchedule(request -> request.groupName(GROUP)
                    .name(CloseSchedules.scheduleName(new CloseCommand(outRechargeNo, "1900001121")))).target().input();
        }
        ObjectNode fired = Events.sqsBatch(List.of(outRechargeNo));
        ((ObjectNode) fired.get("Records").get(0)).put("body", input);
        ((ObjectNode) fired.get("Records").get(0).get("attributes")).put("SenderId", "AROASCHEDULERROLE:scheduler");
        assertEquals(List.of(), failedIds(fired));

        JsonNode closed = onlyEvent().get("detail");
        assertEquals("CLOSED", closed.get("outcome").asText());
        assertEquals(CALLER, closed.get("actor").asText(), "the close's actor is whoever scheduled it");
        assertEquals("AROASCHEDULERROLE:scheduler", closed.get("sender").asText());
    }

    @Test
    void aPaidRechargeIsAcknowledgedWithItsEventAndNoDeadLetter() throws Exception {
        String paid = Scenario.PAID.outRechargeNo("ev1");
        assertEquals(List.of(), failedIds(Events.sqsBatch(List.of(paid))), "acknowledged: an outcome, not a failure");

        JsonNode detail = onlyEvent().get("detail");
        assertEquals("RECHARGE_ALREADY_PAID", detail.get("outcome").asText());
        assertEquals("SUCCESS", detail.get("recharge_state").asText());
        assertTrue(moto.drain(deadLetters).isEmpty(), "no letter, no page");
    }

    /** A queued close whose event the bus did not take is not acknowledged; an HTTP caller's answer stands. Both say so. */
    @Test
    void anEventTheBusDidNotTakeIsAnErrorAndAQueuedCloseComesBack() throws Exception {
        try (RunningFunction lost = Contract.held(RunningFunction.start("sqs", environment -> {
            environment.putAll(moto.sdkEnvironment());
            environment.put("EVENTS_BUS_NAME", "no-such-bus");
        }))) {
            LambdaRuntimeEmulator.Outcome outcome = lost.runtime().invoke(Events.sqsBatch(List.of("evlost1")).toString(), Duration.ofSeconds(30));
            assertEquals(List.of("message-evlost1"), MockLambda.failedIdsOf(outcome.body()));
            String log = lost.function().awaitLog(text -> text.contains("could not be put on the bus"), Duration.ofSeconds(10));
            assertTrue(log.lines().anyMatch(line -> line.contains("\"level\":\"ERROR\"") && line.contains("the CLOSED event of recharge evlost1")), log);
            assertTrue(EmbeddedMetrics.lines(log).stream().anyMatch(line -> line.path("OutcomeEventFailures").asInt() == 1));
        }
    }

    private static List<String> failedIds(ObjectNode batch) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = sqs.runtime().invoke(batch.toString(), Duration.ofSeconds(30));
        assertFalse(outcome.error(), outcome.body());
        return MockLambda.failedIdsOf(outcome.body());
    }

    /** The one event delivered since the last look, held to its schema. */
    private static JsonNode onlyEvent() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (Message message : moto.drain(outcomes)) {
            events.add(JSON.readTree(message.body()));
        }
        assertEquals(1, events.size(), events.toString());
        JsonNode event = events.getFirst();
        assertEquals(List.of(), Contract.outcomeEventViolations(event), event.toString());
        return event;
    }
}
