package app.rechargeclose.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import jakarta.inject.Singleton;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;

import app.rechargeclose.config.SqsSettings;
import app.rechargeclose.recharge.Jitter;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A queued close still failing for a transient cause (WeChat Pay down, unreachable, or asking for
 * fewer calls) goes back to its queue invisible for a wait that doubles with each receive, so that
 * a backlog outlives an outage instead of running through its receives and into the dead-letter
 * queue: after receive n, a random wait in [w/2, w] with w = min(max, first · 2^(n-1)) ("equal
 * jitter": never less than half, which is what infra/ counts on to size maxReceiveCount).
 */
@Singleton
public class HandBack {

    private final Optional<Duration> first;
    private final Duration max;
    private final SqsCalls sqs;
    private final DoubleSupplier jitter = new Jitter();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public HandBack(SqsSettings settings, SqsCalls sqs) {
        this.first = settings.backoffFirst();
        this.max = settings.backoffMax();
        this.sqs = sqs;
    }

    boolean isEnabled() {
        return first.isPresent();
    }

    /** The wait after receive {@code receiveCount}, for a draw {@code random} in [0, 1). */
    static Duration visibility(int receiveCount, Duration first, Duration max, double random) {
        long ceiling = Math.min(max.toSeconds(), first.toSeconds() << Math.min(Math.max(receiveCount, 1) - 1, 30));
        return Duration.ofSeconds(ceiling / 2 + Math.round(random * (ceiling - ceiling / 2)));
    }

    /** Makes {@code message} invisible for its wait; completes with the wait, or fails with the SDK's exception. */
    Uni<Duration> later(SQSMessage message) {
        Map<String, String> attributes = message.getAttributes() == null ? Map.of() : message.getAttributes();
        int receives = parse(attributes.get("ApproximateReceiveCount"));
        Duration wait = visibility(receives, first.orElseThrow(), max, jitter.getAsDouble());
        return sqs.call(client -> {
            client.changeMessageVisibility(request -> request.queueUrl(queueUrl(client, message.getEventSourceArn()))
                    .receiptHandle(message.getReceiptHandle()).visibilityTimeout((int) wait.toSeconds()));
            return wait;
        });
    }

    /** arn:aws:sqs:region:account:name, asked of SQS once per queue (the endpoint may be anything: a region's, a VPC's, an emulator's). */
    private String queueUrl(SqsClient client, String queueArn) {
        return queueUrls.computeIfAbsent(queueArn, arn -> {
            String[] parts = arn.split(":");
            return client.getQueueUrl(request -> request.queueName(parts[5]).queueOwnerAWSAccountId(parts[4])).queueUrl();
        });
    }

    private static int parse(String count) {
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
