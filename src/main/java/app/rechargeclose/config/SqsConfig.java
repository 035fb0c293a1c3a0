package app.rechargeclose.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the sqs handler works through a batch. */
@ConfigMapping(prefix = "sqs")
public interface SqsConfig {

    /** Closes of one standard-queue batch in flight at once ({@code SQS_MAX_CONCURRENCY}). */
    @WithDefault("10")
    int maxConcurrency();
}
