package app.rechargeclose.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

import app.rechargeclose.config.SqsSettings;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.telemetry.LogContext;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The sqs handler's own dead-letter queue ({@code sqs.dead-letter-queue-url}): a message whose
 * answer retrying cannot change goes there at once, its original body unchanged and the reason
 * in its message attributes, through {@link SqsCalls} (its client made on the first call).
 */
@Singleton
public class DeadLetterQueue {

    static final String ERROR_CODE = "error_code";
    static final String ERROR_MESSAGE = "error_message";
    static final String WECHATPAY_REQUEST_ID = LogContext.WECHATPAY_REQUEST_ID;
    static final String ORIGINAL_MESSAGE_ID = "original_" + LogContext.MESSAGE_ID;
    static final String OUT_RECHARGE_NO = LogContext.OUT_RECHARGE_NO;
    static final String SUB_MCHID = LogContext.SUB_MCHID;

    private final Optional<String> queueUrl;
    private final SqsCalls sqs;

    /** @param settings checked at start, so a malformed queue URL never gets this far */
    public DeadLetterQueue(SqsSettings settings, SqsCalls sqs) {
        this.queueUrl = settings.deadLetterQueueUrl();
        this.sqs = sqs;
    }

    boolean isConfigured() {
        return queueUrl.isPresent();
    }

    /**
     * Sends {@code message}'s body with the reason. Into a FIFO queue with the original's message
     * group, and its message id as the deduplication id: a redelivery of a message whose send
     * succeeded but whose acknowledgement was lost is not sent twice.
     *
     * @return the dead-letter message's id; fails with the SDK's exception when SQS did not take it
     */
    Uni<String> send(SQSMessage message, CloseCommand command, Outcome outcome) {
        String url = queueUrl.orElseThrow(() -> new IllegalStateException("sqs.dead-letter-queue-url is not set"));
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(url).messageBody(message.getBody())
                .messageAttributes(attributes(message, command, outcome));
        if (url.endsWith(".fifo")) {
            Map<String, String> system = message.getAttributes() == null ? Map.of() : message.getAttributes();
            request.messageGroupId(system.getOrDefault("MessageGroupId", message.getMessageId())).messageDeduplicationId(message.getMessageId());
        }
        return sqs.call(client -> client.sendMessage(request.build()).messageId());
    }

    private static Map<String, MessageAttributeValue> attributes(SQSMessage message, CloseCommand command, Outcome outcome) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        put(attributes, ERROR_CODE, outcome.code());
        put(attributes, ERROR_MESSAGE, outcome.message());
        put(attributes, WECHATPAY_REQUEST_ID, outcome.requestId().orElse(null));
        put(attributes, ORIGINAL_MESSAGE_ID, message.getMessageId());
        if (command != null) {
            put(attributes, OUT_RECHARGE_NO, command.outRechargeNo());
            put(attributes, SUB_MCHID, command.subMchid());
        }
        return attributes;
    }

    /** SQS refuses an empty attribute value: an unknown one is left out. */
    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }
}
