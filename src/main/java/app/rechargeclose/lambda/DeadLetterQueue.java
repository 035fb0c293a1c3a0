package app.rechargeclose.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

import app.rechargeclose.aws.ClientOnFirstUse;
import app.rechargeclose.config.SqsSettings;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.telemetry.LogContext;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The sqs handler's own dead-letter queue ({@code sqs.dead-letter-queue-url}): a message whose
 * answer retrying cannot change goes there at once, its original body unchanged and the reason
 * in its message attributes. The SQS client (AWS SDK, the JDK's HTTP client; region, credentials
 * and {@code AWS_ENDPOINT_URL_SQS}/{@code AWS_ENDPOINT_URL} from the environment) is made on the
 * first send, so neither it nor its classes are on the start path.
 */
@Singleton
public class DeadLetterQueue {

    static final String ERROR_CODE = "error_code";
    static final String ERROR_MESSAGE = "error_message";
    static final String WECHATPAY_REQUEST_ID = LogContext.WECHATPAY_REQUEST_ID;
    static final String ORIGINAL_MESSAGE_ID = "original_" + LogContext.MESSAGE_ID;
    static final String OUT_RECHARGE_NO = LogContext.OUT_RECHARGE_NO;
    static final String SUB_MCHID = LogContext.SUB_MCHID;

    /** Logged once, when the first dead letter makes the client: the start path never does. */
    static final String CLIENT_MADE = "made the SQS client of the dead-letter queue";

    private final Optional<String> queueUrl;
    /**
     * The SDK's client blocks, so sends run on threads of their own, never on the event loop. Not
     * Quarkus's worker pool: under the runtime interface client on JDK 24+ its threads fail to start
     * without {@code --add-opens java.base/java.lang} (jboss-threads' thread-local reset).
     */
    private final ExecutorService senders = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "dead-letter-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final ClientOnFirstUse<SqsClient> client = new ClientOnFirstUse<>(
            () -> SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), CLIENT_MADE);

    /** @param settings checked at start, so a malformed queue URL never gets this far */
    public DeadLetterQueue(SqsSettings settings) {
        this.queueUrl = settings.deadLetterQueueUrl();
    }

    boolean isConfigured() {
        return queueUrl.isPresent();
    }

    /** @see #send(SQSMessage, CloseCommand, Outcome) */
    Uni<String> sendAsync(SQSMessage message, CloseCommand command, Outcome outcome) {
        return Uni.createFrom().item(() -> send(message, command, outcome)).runSubscriptionOn(senders);
    }

    /**
     * Sends {@code message}'s body with the reason; blocking. Into a FIFO
     * queue with the original's message group, and its message id as the deduplication id: a
     * redelivery of a message whose send succeeded but whose acknowledgement was lost is not sent twice.
     *
     * @return the dead-letter message's id; fails with the SDK's exception when SQS did not take it
     */
    String send(SQSMessage message, CloseCommand command, Outcome outcome) {
        String url = queueUrl.orElseThrow(() -> new IllegalStateException("sqs.dead-letter-queue-url is not set"));
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(url).messageBody(message.getBody())
                .messageAttributes(attributes(message, command, outcome));
        if (url.endsWith(".fifo")) {
            Map<String, String> system = message.getAttributes() == null ? Map.of() : message.getAttributes();
            request.messageGroupId(system.getOrDefault("MessageGroupId", message.getMessageId())).messageDeduplicationId(message.getMessageId());
        }
        return client.get().sendMessage(request.build()).messageId();
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

    @PreDestroy
    void close() {
        senders.shutdown();
        client.close();
    }
}
