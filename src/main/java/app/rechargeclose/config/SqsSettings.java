package app.rechargeclose.config;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The {@code sqs.*} settings, checked at start like every other: a value that is wrong stops the
 * start with the key named, rather than failing the first batch.
 *
 * @param deadLetterQueueUrl where final failures go at once; empty when unset
 */
public record SqsSettings(int maxConcurrency, Optional<String> deadLetterQueueUrl) {

    @Singleton
    static class Producer {

        @Produces
        @Startup
        @Singleton
        SqsSettings sqsSettings(SqsConfig config) {
            return new SqsSettings(Settings.requireAtLeast(config.maxConcurrency(), 1, "sqs.max-concurrency"),
                    config.deadLetterQueueUrl().filter(url -> !url.isBlank()).map(url -> Settings.requireQueueUrl(url, "sqs.dead-letter-queue-url")));
        }
    }
}
