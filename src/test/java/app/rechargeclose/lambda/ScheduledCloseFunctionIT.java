package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.RunningFunction;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Closes scheduled at a deadline, against moto_server's EventBridge Scheduler and SQS: the packaged
 * http function schedules, moves and cancels one schedule per recharge without calling WeChat Pay;
 * a schedule that fires (its input sent to its target queue, as the scheduler sends it) reaches the
 * packaged sqs function, which closes the recharge as any other command.
 */
class ScheduledCloseFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "recharge-close-it";
    private static final String ROLE = "arn:aws:iam::123456789012:role/recharge-close-it-scheduler";
    private static final String SUB_MCHID = "1900001121";

    private static MotoServer moto;
    private static String queueUrl;
    private static String queueArn;
    private static String deadLetterArn;
    private static RunningFunction http;

    @BeforeAll
    static void startFunction() throws Exception {
        moto = MotoServer.start();
        queueUrl = moto.createQueue("recharge-close-it-commands");
        queueArn = moto.queueArn(queueUrl);
        deadLetterArn = moto.queueArn(moto.createQueue("recharge-close-it-scheduler-dlq"));
        try (SchedulerClient scheduler = moto.scheduler()) {
            scheduler.createScheduleGroup(request -> request.name(GROUP));
        }
        Map<String, String> scheduling = Map.of("SCHEDULE_GROUP_NAME", GROUP, "SCHEDULE_QUEUE_ARN", queueArn, "SCHEDULE_ROLE_ARN", ROLE,
                "SCHEDULE_DEAD_LETTER_ARN", deadLetterArn);
        http = Contract.held(RunningFunction.start("http", environment -> {
            environment.putAll(scheduling);
            environment.putAll(moto.sdkEnvironment()); // the scheduler is moto's
        }));
    }

    @AfterAll
    static void stopFunction() throws Exception {
        http.close();
        moto.close();
    }

    @Test
    void schedulesMovesAndCancelsOneSchedulePerRechargeWithoutCallingWechatPay() throws Exception {
        String outRechargeNo = "sched1";
        Instant first = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String inBeijing = first.atOffset(ZoneOffset.ofHours(8)).toString();

        ObjectNode event = Events.closeEvent(outRechargeNo);
        event.with("queryStringParameters").put("close_at", inBeijing);
        Reply scheduled = invoke(event);
        assertEquals(202, scheduled.status(), scheduled.body().toString());
        assertEquals("SCHEDULED", scheduled.body().get("code").asText());
        assertEquals(first.toString(), scheduled.body().get("close_at").asText(), "the deadline as an instant, in UTC");
        assertEquals(scheduleName(outRechargeNo), scheduled.body().get("schedule").asText());

        GetScheduleResponse schedule = schedule(outRechargeNo);
        assertEquals("at(" + first.toString().replace("Z", "") + ")", schedule.scheduleExpression());
        assertEquals("UTC", schedule.scheduleExpressionTimezone());
        assertEquals("OFF", schedule.flexibleTimeWindow().modeAsString());
        assertEquals("DELETE", schedule.actionAfterCompletionAsString(), "a schedule deletes itself once it fired");
        assertEquals(queueArn, schedule.target().arn());
        assertEquals(ROLE, schedule.target().roleArn());
        assertEquals(deadLetterArn, schedule.target().deadLetterConfig().arn());
        assertEquals(185, schedule.target().retryPolicy().maximumRetryAttempts());
        assertEquals(86400, schedule.target().retryPolicy().maximumEventAgeInSeconds());
        assertEquals(JSON.readTree("{\"out_recharge_no\": \"sched1\", \"sub_mchid\": \"1900001121\", \"scheduled_by\": "
                + "\"arn:aws:iam::123456789012:user/recharge-ops\"}"), JSON.readTree(schedule.target().input()), "the command, and who scheduled it");

        Instant later = first.plus(Duration.ofHours(2));
        ObjectNode again = Events.forRecharge(Events.sample("http-schedule-close.json"), outRechargeNo);
        ObjectNode body = (ObjectNode) JSON.readTree(again.get("body").asText()); // the README's sample, another deadline
        again.put("body", body.put("close_at", later.minusMillis(400).toString()).toString()); // a fraction of a second
        Reply moved = invoke(again);
        assertEquals(202, moved.status(), moved.body().toString());
        assertEquals("RESCHEDULED", moved.body().get("code").asText(), "the last request wins");
        assertEquals(later.toString(), moved.body().get("close_at").asText(), "a fraction runs at the next whole second, never before");
        assertEquals("at(" + later.toString().replace("Z", "") + ")", schedule(outRechargeNo).scheduleExpression());
        String name = scheduleName(outRechargeNo);
        try (SchedulerClient scheduler = moto.scheduler()) {
            assertEquals(1, scheduler.listSchedules(request -> request.groupName(GROUP).namePrefix(name)).schedules().size(), "one schedule");
        }

        assertEquals(204, invoke(cancel(outRechargeNo)).status());
        assertThrows(ResourceNotFoundException.class, () -> schedule(outRechargeNo));
        Reply none = invoke(cancel(outRechargeNo));
        assertEquals(404, none.status());
        assertEquals("SCHEDULE_NOT_FOUND", none.body().get("code").asText());
        assertTrue(http.simulator().callsFor(outRechargeNo).isEmpty(), "scheduling asks nothing of WeChat Pay");
        assertTrue(http.simulator().queriesFor(outRechargeNo).isEmpty());
        LogHygiene.assertClean(http.function().log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-01-01T00:00:00+08:00", "2026-13-01T00:00:00Z", "2099-01-01T00:00:00", "tomorrow", "2999-01-01T00:00:00Z"})
    void refusesADeadlineThatHasPassedIsMalformedOrTooFarAhead(String closeAt) throws Exception {
        ObjectNode event = Events.closeEvent("schedbad");
        event.with("queryStringParameters").put("close_at", closeAt);
        Reply refused = invoke(event);
        assertEquals(400, refused.status(), refused.body().toString());
        assertEquals("INVALID_ARGUMENT", refused.body().get("code").asText());
        assertTrue(refused.body().get("message").asText().startsWith("close_at"), refused.body().toString());
        assertThrows(ResourceNotFoundException.class, () -> schedule("schedbad"));
    }

    /** What fires is what the queue's consumer closes: the schedule's input, sent to its target as the scheduler sends it. */
    @Test
    void aScheduleThatFiresReachesTheQueueAndIsClosedByTheSqsFunction() throws Exception {
        ObjectNode event = Events.closeEvent("schedfire");
        event.with("queryStringParameters").put("close_at", Instant.now().plus(Duration.ofMinutes(5)).toString());
        assertEquals(202, invoke(event).status());

        GetScheduleResponse schedule = schedule("schedfire");
        assertEquals(queueArn, schedule.target().arn());
        try (SqsClient sqs = moto.sqs()) {
            sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(schedule.target().input()));
        }
        List<Message> delivered = moto.drain(queueUrl);
        assertEquals(1, delivered.size());

        ObjectNode batch = Events.sqsBatch(List.of("schedfire"));
        ((ObjectNode) batch.get("Records").get(0)).put("body", delivered.get(0).body()).put("messageId", delivered.get(0).messageId());
        try (RunningFunction sqs = Contract.held(RunningFunction.start("sqs", environment -> { }))) {
            LambdaRuntimeEmulator.Outcome outcome = sqs.runtime().invoke(batch.toString(), Duration.ofSeconds(30));
            assertFalse(outcome.error(), outcome.body());
            assertEquals(List.of(), MockLambda.failedIdsOf(outcome.body()), "closed, acknowledged");
            assertEquals(1, sqs.simulator().callsFor("schedfire").size());
        }
    }

    /** Independent of the function's own code: "close-" and the first 40 hex digits of SHA-256 over sub_mchid, a newline, out_recharge_no. */
    private static String scheduleName(String outRechargeNo) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((SUB_MCHID + "\n" + outRechargeNo).getBytes(StandardCharsets.UTF_8));
        return "close-" + HexFormat.of().formatHex(digest).substring(0, 40);
    }

    private static GetScheduleResponse schedule(String outRechargeNo) throws Exception {
        String name = scheduleName(outRechargeNo);
        try (SchedulerClient scheduler = moto.scheduler()) {
            return scheduler.getSchedule(request -> request.groupName(GROUP).name(name));
        }
    }

    /** The README's sample, about another recharge. */
    private static ObjectNode cancel(String outRechargeNo) {
        return Events.forRecharge(Events.sample("http-cancel-close.json"), outRechargeNo);
    }

    private record Reply(int status, JsonNode body) {
    }

    private static Reply invoke(ObjectNode event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = http.runtime().invoke(event.toString(), Duration.ofSeconds(30));
        assertFalse(outcome.error(), outcome.body());
        JsonNode response = JSON.readTree(outcome.body());
        String body = response.path("body").asText("");
        return new Reply(response.get("statusCode").asInt(), body.isEmpty() ? JSON.nullNode() : JSON.readTree(body));
    }
}
