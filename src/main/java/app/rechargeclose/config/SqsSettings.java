package app.rechargeclose.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The {@code sqs.*} settings, checked at start like every other: a value that is wrong stops the
 * start with the key named, rather than failing the first batch.
 *
 * @param deadLetterQueueUrl where final failures go at once; empty when unset
 * @param backoffFirst       how long a message failing for a transient cause is handed back for after its first receive; empty: off
 * @param backoffMax         the longest it is handed back for
 */
public record SqsSettings(int maxConcurrency, Optional<String> deadLetterQueueUrl, Optional<Duration> backoffFirst, Duration backoffMax) {

    /** SQS's longest visibility timeout. */
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    @Singleton
    static class Producer {

        @Produces
        @Startup
        @Singleton
        SqsSettings sqsSettings(SqsConfig config) {
            Duration max = Settings.requirePositive(config.backoffMax(), "sqs.backoff-max");
            if (max.compareTo(MAX_VISIBILITY) > 0) {
                throw new InvalidSettingException("sqs.backoff-max", "must be at most 12h, SQS's longest visibility timeout");
            }
            return new SqsSettings(Settings.requireAtLeast(config.maxConcurrency(), 1, "sqs.max-concurrency"),
                    config.deadLetterQueueUrl().filter(url -> !url.isBlank()).map(url -> Settings.requireQueueUrl(url, "sqs.dead-letter-queue-url")),
                    config.backoffFirst().map(first -> Settings.requireAtLeast(first, Duration.ofSeconds(1), "sqs.backoff-first")), max);
        }
    }
}
