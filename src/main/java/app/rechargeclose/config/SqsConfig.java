package app.rechargeclose.config;

import java.time.Duration;
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

    /**
     * A message still failing for a transient cause (WeChat Pay down, unreachable, asking for fewer
     * calls) is handed back to the queue invisible for this long after its first receive, twice as
     * long after each further one up to {@link #backoffMax()} ({@code SQS_BACKOFF_FIRST}); unset, the
     * queue's own visibility timeout applies.
     */
    Optional<Duration> backoffFirst();

    /** The longest a message is handed back for ({@code SQS_BACKOFF_MAX}), at most SQS's 12 hours. */
    @WithDefault("1h")
    Duration backoffMax();
}
