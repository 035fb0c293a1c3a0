package app.rechargeclose.lambda;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.recharge.RechargeState;
import app.rechargeclose.wechatpay.UpstreamRejectedException;
import app.rechargeclose.wechatpay.WechatPayException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Closes the recharges of one SQS batch. Each message's outcome is a value, so one bad message
 * cannot fail the others. A message counts as done only when WeChat Pay confirmed, in a verified
 * answer, that the recharge is CLOSED.
 */
@ApplicationScoped
public class SqsBatchCloser {

    private static final Logger LOG = Logger.getLogger(SqsBatchCloser.class);
    /** How many closes of one standard-queue batch run at once. */
    static final int CONCURRENCY = 10;

    private final RechargeCloser closer;
    private final ObjectMapper json;

    public SqsBatchCloser(RechargeCloser closer, ObjectMapper json) {
        this.closer = closer;
        this.json = json;
    }

    /** @return the ids of the messages that must be retried, in batch order */
    public Uni<List<String>> closeAll(List<SQSMessage> messages) {
        Multi<MessageOutcome> outcomes;
        if (isFifo(messages)) {
            // FIFO order matters: once one fails, later ones must not overtake it.
            AtomicBoolean failedBefore = new AtomicBoolean();
            outcomes = Multi.createFrom().iterable(messages).onItem().transformToUniAndConcatenate(message -> failedBefore.get()
                    ? Uni.createFrom().item(MessageOutcome.failed(message, "an earlier message of this FIFO batch failed"))
                    : closeOne(message).invoke(outcome -> failedBefore.compareAndSet(false, !outcome.closed())));
        } else {
            outcomes = Multi.createFrom().iterable(messages).onItem().transformToUni(this::closeOne).merge(CONCURRENCY);
        }
        return outcomes.collect().asList().map(results -> messages.stream()
                .map(message -> results.stream().filter(result -> result.message() == message).findFirst().orElseThrow())
                .filter(result -> !result.closed())
                .map(result -> result.message().getMessageId())
                .toList());
    }

    private Uni<MessageOutcome> closeOne(SQSMessage message) {
        return Uni.createFrom().deferred(() -> {
            CloseCommand command = parse(message.getBody());
            return closer.close(command).map(answer -> {
                RechargeState state = answer.body().rechargeState();
                if (RechargeState.CLOSED.equals(state)) {
                    LOG.infof("SQS message %s: recharge %s closed (Request-ID %s)", message.getMessageId(), command.outRechargeNo(), answer.requestId());
                    return MessageOutcome.closed(message);
                }
                return MessageOutcome.failed(message, "recharge " + command.outRechargeNo() + " is " + state + ", not CLOSED (Request-ID "
                        + answer.requestId() + ")");
            });
        }).onFailure().recoverWithItem(failure -> MessageOutcome.failed(message, describe(failure)))
                .invoke(outcome -> {
                    if (!outcome.closed()) {
                        LOG.warnf("SQS message %s left for retry: %s", message.getMessageId(), outcome.reason());
                    }
                });
    }

    private CloseCommand parse(String body) {
        JsonNode object = CloseRequestJson.readObject(json, Objects.requireNonNullElse(body, ""), "the message body");
        return new CloseCommand(CloseRequestJson.field(object, "out_recharge_no").orElse(null),
                CloseRequestJson.field(object, "sub_mchid").orElse(null));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof UpstreamRejectedException rejected) {
            return "WeChat Pay answered " + rejected.status() + " " + rejected.code() + ": " + rejected.getMessage()
                    + rejected.requestId().map(id -> " (Request-ID " + id + ")").orElse("");
        }
        if (failure instanceof WechatPayException upstream) {
            return upstream.getMessage() + upstream.requestId().map(id -> " (Request-ID " + id + ")").orElse("");
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        return "unexpected " + failure.getClass().getSimpleName();
    }

    private static boolean isFifo(List<SQSMessage> messages) {
        return !messages.isEmpty() && messages.get(0).getEventSourceArn() != null && messages.get(0).getEventSourceArn().endsWith(".fifo");
    }

    private record MessageOutcome(SQSMessage message, boolean closed, String reason) {
        static MessageOutcome closed(SQSMessage message) {
            return new MessageOutcome(message, true, null);
        }

        static MessageOutcome failed(SQSMessage message, String reason) {
            return new MessageOutcome(message, false, reason);
        }
    }
}
