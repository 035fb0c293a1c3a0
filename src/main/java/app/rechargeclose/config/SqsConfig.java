package app.rechargeclose.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the sqs handler works through a batch. */
@ConfigMapping(prefix = "sqs")
public interface SqsConfig {

    /** Closes of one standard-queue batch in flight at once ({@code SQS_MAX_CONCURRENCY}). */
    @WithDefault("10")
    int maxConcurrency();

    /**
     * Where a message goes at once when retrying cannot change its answer ({@code SQS_DEAD_LETTER_QUEUE_URL});
     * unset, such a message is reported for a retry like any other, until SQS's redrive policy moves it.
     */
    Optional<String> deadLetterQueueUrl();
}
