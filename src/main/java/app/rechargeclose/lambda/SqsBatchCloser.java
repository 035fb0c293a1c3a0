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
import java.util.Optional;
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
 * answer, that the recharge is CLOSED or was paid, or when its failure is final and the dead-letter
 * queue took it — and, with outcome events on, once the bus took its event; each message's outcome
 * and reason is one telemetry line.
 */
@ApplicationScoped
public class SqsBatchCloser {

    private static final Logger LOG = Logger.getLogger(SqsBatchCloser.class);

    private final RechargeCloser closer;
    private final DeadLetterQueue deadLetters;
    private final HandBack handBack;
    private final OutcomePublisher publisher;
    private final Telemetry telemetry;
    private final ObjectMapper json;
    private final int maxConcurrency;

    public SqsBatchCloser(RechargeCloser closer, Telemetry telemetry, ObjectMapper json, SqsSettings settings, DeadLetterQueue deadLetters,
            HandBack handBack, OutcomePublisher publisher) {
        this.closer = closer;
        this.deadLetters = deadLetters;
        this.handBack = handBack;
        this.publisher = publisher;
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
        CloseRequestJson.QueuedCommand queued;
        try {
            queued = CloseRequestJson.command(json, message.getBody(), "the message body");
        } catch (RuntimeException invalid) {
            return settle(message, invocation, null, Outcome.of(invalid), start);
        }
        CloseCommand command = queued.command();
        return Uni.createFrom().deferred(() -> closer.close(command, invocation.deadline(), telemetry.attempts(invocation.ids())))
                .onItemOrFailure().transformToUni((result, failure) -> settle(message, invocation, queued, failure == null ? Outcome.of(result)
                        : LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), null, () -> Outcome.of(failure)), start));
    }

    /**
     * What a close means to SQS: acknowledged when WeChat Pay said, verified, that it is closed or was
     * paid (an outcome, not a failure: no dead letter, no page); a final failure ({@link Outcome#isFinal()}:
     * retrying cannot change it) goes to the dead-letter queue, and is acknowledged only once SQS took
     * it there; everything else is reported for a retry, since it may turn out otherwise. What is
     * acknowledged is put on the bus first: a message whose event was not taken comes back.
     */
    private Uni<MessageOutcome> settle(SQSMessage message, Invocation invocation, CloseRequestJson.QueuedCommand queued, Outcome outcome,
            Instant start) {
        CloseCommand command = queued == null ? null : queued.command();
        Optional<String> actor = actor(message, queued);
        telemetry.close(invocation.ids(), command, message.getMessageId(), actor, outcome, Duration.between(start, Instant.now()));
        if (outcome.isConcluded()) {
            return published(message, invocation, queued, outcome, actor);
        }
        if (outcome.isTransient() && handBack.isEnabled()) {
            return handedBack(message, invocation, command);
        }
        if (!outcome.isFinal() || !deadLetters.isConfigured() || message.getBody() == null || message.getBody().isEmpty()) {
            return Uni.createFrom().item(new MessageOutcome(message, false));
        }
        String outRechargeNo = command == null ? null : command.outRechargeNo();
        String requestId = outcome.requestId().orElse(null);
        // A send that has not returned when the invocation must answer counts as failed: the message comes back.
        Optional<Duration> left = invocation.timeForCall();
        if (left.isEmpty()) {
            return Uni.createFrom().item(new MessageOutcome(message, false));
        }
        return deadLetters.send(message, command, outcome)
                .ifNoItem().after(left.get()).fail()
                .map(deadLetterId -> {
                    LogContext.with(invocation.lambdaRequestId(), outRechargeNo, requestId, () -> LOG.infof(
                            "message %s sent to the dead-letter queue as %s (%s): retrying cannot change its answer",
                            message.getMessageId(), deadLetterId, outcome.code()));
                    return true;
                })
                .onFailure().recoverWithItem(sendFailure -> {
                    LogContext.with(invocation.lambdaRequestId(), outRechargeNo, requestId, () -> LOG.errorf(
                            "message %s (%s) could not be sent to the dead-letter queue (%s); reported for a retry",
                            message.getMessageId(), outcome.code(), sendFailure.getClass().getSimpleName()));
                    return false;
                })
                .chain(sent -> sent ? published(message, invocation, queued, outcome, actor) : Uni.createFrom().item(new MessageOutcome(message, false)));
    }

    /**
     * Reported for a retry, after a wait that grows with its receives: WeChat Pay is down or asked
     * for fewer calls. A wait that could not be set leaves the queue's own visibility timeout.
     */
    private Uni<MessageOutcome> handedBack(SQSMessage message, Invocation invocation, CloseCommand command) {
        Optional<Duration> left = invocation.timeForCall();
        MessageOutcome retry = new MessageOutcome(message, false);
        if (left.isEmpty()) {
            return Uni.createFrom().item(retry);
        }
        return handBack.later(message).ifNoItem().after(left.get()).fail()
                .invoke(wait -> LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), null, () -> LOG.infof(
                        "message %s handed back for %d s: WeChat Pay is down or asked for fewer calls", message.getMessageId(), wait.toSeconds())))
                .onFailure().invoke(failure -> LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), null, () -> LOG.warnf(
                        "message %s could not be handed back for longer (%s); it comes back after the queue's visibility timeout",
                        message.getMessageId(), failure.getClass().getSimpleName())))
                .replaceWith(retry).onFailure().recoverWithItem(retry);
    }

    /** Done once the bus took the outcome's event (at once when this deployment puts none); a letter of an invalid command has no event. */
    private Uni<MessageOutcome> published(SQSMessage message, Invocation invocation, CloseRequestJson.QueuedCommand queued, Outcome outcome,
            Optional<String> actor) {
        if (queued == null) {
            return Uni.createFrom().item(new MessageOutcome(message, true));
        }
        return publisher.publish(outcome.event(message.getMessageId(), queued.command(), "sqs", Optional.ofNullable(message.getMessageId()),
                        Optional.ofNullable(invocation.lambdaRequestId()), actor, sender(message)), invocation)
                .map(put -> new MessageOutcome(message, put));
    }

    /** Who asked for a queued close: whoever scheduled it, when a schedule sent it, else its sender. */
    private static Optional<String> actor(SQSMessage message, CloseRequestJson.QueuedCommand queued) {
        return Optional.ofNullable(queued).flatMap(CloseRequestJson.QueuedCommand::scheduledBy).or(() -> sender(message));
    }

    private static Optional<String> sender(SQSMessage message) {
        return Optional.ofNullable(message.getAttributes() == null ? null : message.getAttributes().get("SenderId"));
    }

    private MessageOutcome skipped(SQSMessage message, Invocation invocation) {
        telemetry.close(invocation.ids(), null, message.getMessageId(), actor(message, null), Outcome.fifoPredecessorFailed(), Duration.ZERO);
        return new MessageOutcome(message, false);
    }

    private static boolean isFifo(List<SQSMessage> messages) {
        return !messages.isEmpty() && messages.get(0).getEventSourceArn() != null && messages.get(0).getEventSourceArn().endsWith(".fifo");
    }

    /** @param done acknowledged: closed, or taken by the dead-letter queue */
    private record MessageOutcome(SQSMessage message, boolean done) {
    }
}
