package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.config.SqsConfig;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.Invocation;
import app.rechargeclose.recharge.Outcome;
import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.telemetry.Telemetry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes the recharges of one SQS batch. Each message's outcome is a value, so one bad message
 * cannot fail the others. A message counts as done only when WeChat Pay confirmed, in a verified
 * answer, that the recharge is CLOSED; each message's outcome and reason is one telemetry line.
 */
@ApplicationScoped
public class SqsBatchCloser {

    private final RechargeCloser closer;
    private final Telemetry telemetry;
    private final ObjectMapper json;
    private final int maxConcurrency;

    public SqsBatchCloser(RechargeCloser closer, Telemetry telemetry, ObjectMapper json, SqsConfig config) {
        if (config.maxConcurrency() < 1) {
            throw new IllegalArgumentException("sqs.max-concurrency: must be at least 1");
        }
        this.closer = closer;
        this.telemetry = telemetry;
        this.json = json;
        this.maxConcurrency = config.maxConcurrency();
    }

    /** @return the ids of the messages that must be retried, in batch order */
    public Uni<List<String>> closeAll(List<SQSMessage> messages, Invocation invocation) {
        Multi<MessageOutcome> outcomes = isFifo(messages)
                ? Multi.createFrom().iterable(byMessageGroup(messages)).onItem()
                        .transformToMulti(group -> closeInOrder(group, invocation)).merge(maxConcurrency)
                : Multi.createFrom().iterable(messages).onItem().transformToUni(message -> closeOne(message, invocation)).merge(maxConcurrency);
        return outcomes.collect().asList().map(results -> {
            Map<SQSMessage, MessageOutcome> byMessage = new IdentityHashMap<>();
            results.forEach(result -> byMessage.put(result.message(), result));
            return messages.stream().filter(message -> !byMessage.get(message).closed()).map(SQSMessage::getMessageId).toList();
        });
    }

    /**
     * FIFO order holds within a message group: a group's messages are closed one after another, and
     * once one fails the later ones are not sent, so none overtakes it. Groups do not wait for each other.
     */
    private Multi<MessageOutcome> closeInOrder(List<SQSMessage> group, Invocation invocation) {
        AtomicBoolean failedBefore = new AtomicBoolean();
        return Multi.createFrom().iterable(group).onItem().transformToUniAndConcatenate(message -> failedBefore.get()
                ? Uni.createFrom().item(skipped(message, invocation))
                : closeOne(message, invocation).invoke(outcome -> failedBefore.compareAndSet(false, !outcome.closed())));
    }

    private Collection<List<SQSMessage>> byMessageGroup(List<SQSMessage> messages) {
        Map<String, List<SQSMessage>> groups = new LinkedHashMap<>();
        for (SQSMessage message : messages) {
            String group = message.getAttributes() == null ? "" : Objects.requireNonNullElse(message.getAttributes().get("MessageGroupId"), "");
            groups.computeIfAbsent(group, key -> new ArrayList<>()).add(message);
        }
        return groups.values();
    }

    private Uni<MessageOutcome> closeOne(SQSMessage message, Invocation invocation) {
        Instant start = Instant.now();
        CloseCommand command;
        try {
            command = parse(message.getBody());
        } catch (RuntimeException invalid) {
            return Uni.createFrom().item(finished(message, invocation, null, Outcome.of(invalid), start));
        }
        return Uni.createFrom().deferred(() -> closer.close(command, invocation))
                .map(Invocations::outcomeOf)
                .onFailure().recoverWithItem(Outcome::of)
                .map(outcome -> finished(message, invocation, command, outcome, start));
    }

    private MessageOutcome finished(SQSMessage message, Invocation invocation, CloseCommand command, Outcome outcome, Instant start) {
        telemetry.close(invocation, command, message.getMessageId(), outcome, Duration.between(start, Instant.now()));
        return new MessageOutcome(message, outcome.isClosed());
    }

    private MessageOutcome skipped(SQSMessage message, Invocation invocation) {
        Outcome outcome = new Outcome(409, "FIFO_PREDECESSOR_FAILED", "an earlier message of its FIFO message group failed; not sent", null);
        telemetry.close(invocation, null, message.getMessageId(), outcome, Duration.ZERO);
        return new MessageOutcome(message, false);
    }

    private CloseCommand parse(String body) {
        JsonNode object = CloseRequestJson.readObject(json, Objects.requireNonNullElse(body, ""), "the message body");
        return new CloseCommand(CloseRequestJson.field(object, "out_recharge_no").orElse(null),
                CloseRequestJson.field(object, "sub_mchid").orElse(null));
    }

    private static boolean isFifo(List<SQSMessage> messages) {
        return !messages.isEmpty() && messages.get(0).getEventSourceArn() != null && messages.get(0).getEventSourceArn().endsWith(".fifo");
    }

    private record MessageOutcome(SQSMessage message, boolean closed) {
    }
}
