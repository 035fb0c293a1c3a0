package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.RunningFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A backlog outlives a WeChat Pay outage: against moto's SQS, with a redrive policy to a
 * dead-letter queue, this test plays Lambda's event source mapping (receive, invoke, delete what
 * was acknowledged). While WeChat Pay answers every call with 500, each message comes back after a
 * wait that grows with its receive count, and none reaches the dead-letter queue; once WeChat Pay
 * is back, every message closes. Waits are time that must pass, never a race.
 */
class BacklogFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HANDED_BACK = Pattern.compile("message (\\S+) handed back for (\\d+) s");
    private static final int MESSAGES = 4;
    private static final int OUTAGE_RECEIVES = 3;

    @Test
    void messagesWaitLongerEachTimeWeChatPayIsDownAndAllCloseOnceItIsBack() throws Exception {
        try (MotoServer moto = MotoServer.start(); SqsClient sqs = moto.sqs()) {
            String deadLetters = moto.createQueue("backlog-dlq");
            String commands = moto.createQueue("backlog-commands");
            sqs.setQueueAttributes(request -> request.queueUrl(commands).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                    "{\"deadLetterTargetArn\": \"" + moto.queueArn(deadLetters) + "\", \"maxReceiveCount\": \"" + (OUTAGE_RECEIVES + 2) + "\"}",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "30")));
            for (int i = 1; i <= MESSAGES; i++) {
                String body = "{\"out_recharge_no\": \"backlog" + i + "\", \"sub_mchid\": \"1900001121\"}";
                sqs.sendMessage(request -> request.queueUrl(commands).messageBody(body));
            }
            try (RunningFunction function = Contract.held(RunningFunction.start("sqs", environment -> {
                environment.putAll(moto.sdkEnvironment());
                environment.put("SQS_BACKOFF_FIRST", "2s");
                environment.put("SQS_BACKOFF_MAX", "8s");
            }))) {
                WeChatPaySimulator simulator = function.simulator();
                simulator.answerFirst((close, outRechargeNo, recharge) -> Optional.of(WeChatPaySimulator.Answer.error(500, "SYSTEM_ERROR", "系统错误")));

                Map<String, List<Long>> waits = new HashMap<>();
                for (int receive = 1; receive <= OUTAGE_RECEIVES; receive++) {
                    List<Message> received = receiveAll(sqs, commands, MESSAGES);
                    assertEquals(MESSAGES, received.size(), "receive " + receive);
                    for (Message message : received) {
                        assertEquals(Integer.toString(receive), message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                    }
                    Instant handedBack = Instant.now();
                    List<String> failed = invoke(function, moto, commands, received, sqs);
                    assertEquals(MESSAGES, failed.size(), "WeChat Pay is down: every message comes back");
                    // Received with the queue's 30 s visibility timeout, they come back in seconds only because they were handed back.
                    Matcher lines = HANDED_BACK.matcher(function.function().log());
                    waits.clear();
                    while (lines.find()) {
                        waits.computeIfAbsent(lines.group(1), id -> new ArrayList<>()).add(Long.parseLong(lines.group(2)));
                    }
                    long shortest = waits.values().stream().mapToLong(List::getLast).min().orElseThrow();
                    waitPast(handedBack, Duration.ofSeconds(shortest));
                }
                for (List<Long> each : waits.values()) {
                    assertEquals(OUTAGE_RECEIVES, each.size(), each.toString());
                    for (int i = 1; i < each.size(); i++) {
                        long ceiling = Math.min(8, 2L << i);
                        assertTrue(each.get(i) >= ceiling / 2 && each.get(i) <= ceiling, "the wait grows with the receive count: " + each);
                    }
                }
                assertTrue(moto.drain(deadLetters).isEmpty(), "no message went to the dead-letter queue during the outage");

                simulator.answerFirst((close, outRechargeNo, recharge) -> Optional.empty()); // WeChat Pay is back
                List<String> closed = new ArrayList<>();
                Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
                while (closed.size() < MESSAGES && Instant.now().isBefore(giveUp)) {
                    List<Message> received = receiveAll(sqs, commands, 1);
                    assertEquals(List.of(), invoke(function, moto, commands, received, sqs), "every message closes");
                    received.forEach(message -> closed.add(message.messageId()));
                }
                assertEquals(MESSAGES, closed.size());
                assertTrue(moto.drain(deadLetters).isEmpty());
            }
        }
    }

    /** Long-polls until {@code atLeast} messages came or the poll gave none. */
    private static List<Message> receiveAll(SqsClient sqs, String queueUrl, int atLeast) {
        List<Message> messages = new ArrayList<>();
        while (messages.size() < atLeast) {
            List<Message> received = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(10)
                    .messageSystemAttributeNamesWithStrings("All")).messages();
            if (received.isEmpty()) {
                break;
            }
            messages.addAll(received);
        }
        return messages;
    }

    /** What Lambda's event source mapping does with a batch: invoke, then delete what was acknowledged. */
    private static List<String> invoke(RunningFunction function, MotoServer moto, String queueUrl, List<Message> batch, SqsClient sqs)
            throws Exception {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject().put("messageId", message.messageId()).put("receiptHandle", message.receiptHandle())
                    .put("body", message.body()).put("eventSource", "aws:sqs").put("eventSourceARN", moto.queueArn(queueUrl))
                    .put("awsRegion", MotoServer.REGION).put("md5OfBody", message.md5OfBody());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
        }
        LambdaRuntimeEmulator.Outcome outcome = function.runtime().invoke(event.toString(), Duration.ofSeconds(60));
        assertFalse(outcome.error(), outcome.body());
        List<String> failed = MockLambda.failedIdsOf(outcome.body());
        batch.stream().filter(message -> !failed.contains(message.messageId()))
                .forEach(message -> sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
        return failed;
    }

    private static void waitPast(Instant since, Duration duration) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), since.plus(duration).plusMillis(200));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
    }
}
