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

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.config.SqsSettings;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.telemetry.LogContext;
import app.rechargeclose.telemetry.Telemetry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes the recharges of one SQS batch. Each message's outcome is a value, so one bad message
 * cannot fail the others. A message counts as done only when WeChat Pay confirmed, in a verified
 * answer, that the recharge is CLOSED, or when its failure is final and the dead-letter queue took
 * it; each message's outcome and reason is one telemetry line.
 */
@ApplicationScoped
public class SqsBatchCloser {

    private static final Logger LOG = Logger.getLogger(SqsBatchCloser.class);
    /** Time a dead-letter send leaves free at the end of the invocation, for the answer to Lambda. */
    private static final Duration DEAD_LETTER_MARGIN = Duration.ofMillis(500);

    private final RechargeCloser closer;
    private final DeadLetterQueue deadLetters;
    private final Telemetry telemetry;
    private final ObjectMapper json;
    private final int maxConcurrency;

    public SqsBatchCloser(RechargeCloser closer, Telemetry telemetry, ObjectMapper json, SqsSettings settings, DeadLetterQueue deadLetters) {
        this.closer = closer;
        this.deadLetters = deadLetters;
        this.telemetry = telemetry;
        this.json = json;
        this.maxConcurrency = settings.maxConcurrency();
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
            return messages.stream().filter(message -> !byMessage.get(message).done()).map(SQSMessage::getMessageId).toList();
        });
    }

    /**
     * FIFO order holds within a message group: a group's messages are closed one after another, and
     * once one fails the later ones are not sent, so none overtakes it (one the dead-letter queue took
     * is out of the way, as SQS's own redrive would have it). Groups do not wait for each other.
     */
    private Multi<MessageOutcome> closeInOrder(List<SQSMessage> group, Invocation invocation) {
        AtomicBoolean failedBefore = new AtomicBoolean();
        return Multi.createFrom().iterable(group).onItem().transformToUniAndConcatenate(message -> failedBefore.get()
                ? Uni.createFrom().item(skipped(message, invocation))
                : closeOne(message, invocation).invoke(outcome -> failedBefore.compareAndSet(false, !outcome.done())));
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
            command = CloseRequestJson.command(json, message.getBody(), "the message body");
        } catch (RuntimeException invalid) {
            return settle(message, invocation, null, Outcome.of(invalid), start);
        }
        return Uni.createFrom().deferred(() -> closer.close(command, invocation.deadline(), telemetry.attempts(invocation.ids())))
                .onItemOrFailure().transformToUni((result, failure) -> settle(message, invocation, command, failure == null ? Outcome.of(result)
                        : LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), null, () -> Outcome.of(failure)), start));
    }

    /**
     * What a close means to SQS: acknowledged when closed; a final failure ({@link Outcome#isFinal()}:
     * retrying cannot change it) goes to the dead-letter queue, and is acknowledged only once SQS took
     * it there; everything else is reported for a retry, since it may turn out otherwise.
     */
    private Uni<MessageOutcome> settle(SQSMessage message, Invocation invocation, CloseCommand command, Outcome outcome, Instant start) {
        telemetry.close(invocation.ids(), command, message.getMessageId(), outcome, Duration.between(start, Instant.now()));
        if (outcome.isClosed()) {
            return Uni.createFrom().item(new MessageOutcome(message, true));
        }
        if (!outcome.isFinal() || !deadLetters.isConfigured() || message.getBody() == null || message.getBody().isEmpty()) {
            return Uni.createFrom().item(new MessageOutcome(message, false));
        }
        String outRechargeNo = command == null ? null : command.outRechargeNo();
        String requestId = outcome.requestId().orElse(null);
        // A send that has not returned when the invocation must answer counts as failed: the message comes back.
        Duration left = Duration.between(Instant.now(), invocation.deadline()).minus(DEAD_LETTER_MARGIN);
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().item(new MessageOutcome(message, false));
        }
        return deadLetters.sendAsync(message, command, outcome)
                .ifNoItem().after(left).fail()
                .map(deadLetterId -> {
                    LogContext.with(invocation.lambdaRequestId(), outRechargeNo, requestId, () -> LOG.infof(
                            "message %s sent to the dead-letter queue as %s (%s): retrying cannot change its answer",
                            message.getMessageId(), deadLetterId, outcome.code()));
                    return new MessageOutcome(message, true);
                })
                .onFailure().recoverWithItem(sendFailure -> {
                    LogContext.with(invocation.lambdaRequestId(), outRechargeNo, requestId, () -> LOG.errorf(
                            "message %s (%s) could not be sent to the dead-letter queue (%s); reported for a retry",
                            message.getMessageId(), outcome.code(), sendFailure.getClass().getSimpleName()));
                    return new MessageOutcome(message, false);
                });
    }

    private MessageOutcome skipped(SQSMessage message, Invocation invocation) {
        telemetry.close(invocation.ids(), null, message.getMessageId(), Outcome.fifoPredecessorFailed(), Duration.ZERO);
        return new MessageOutcome(message, false);
    }

    private static boolean isFifo(List<SQSMessage> messages) {
        return !messages.isEmpty() && messages.get(0).getEventSourceArn() != null && messages.get(0).getEventSourceArn().endsWith(".fifo");
    }

    /** @param done acknowledged: closed, or taken by the dead-letter queue */
    private record MessageOutcome(SQSMessage message, boolean done) {
    }
}
