package app.rechargeclose.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.scheduler.CloseSchedules;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Closes scheduled at a deadline ({@code schedule.*}): enabled when {@code schedule.group-name} is
 * set, and then the queue and the role must be set too; checked at start like every setting.
 */
@ConfigMapping(prefix = "schedule")
public interface ScheduleConfig {

    /** An SQS queue's ARN, standard or FIFO. */
    String QUEUE_ARN = "arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[\\w-]+(\\.fifo)?";

    /** The EventBridge Scheduler schedule group of this function ({@code SCHEDULE_GROUP_NAME}); unset, scheduled closes are off. */
    Optional<String> groupName();

    /** The command queue's ARN, where a schedule sends its close command. */
    Optional<String> queueArn();

    /** The role EventBridge Scheduler assumes to send to that queue. */
    Optional<String> roleArn();

    /** The queue where the scheduler puts what it could not deliver. */
    Optional<String> deadLetterArn();

    /** How far ahead a close may be scheduled. */
    @WithDefault("P30D")
    Duration maxAhead();

    @Singleton
    class Producer {

        @Produces
        @Startup
        @Singleton
        CloseSchedules closeSchedules(ScheduleConfig config, ObjectMapper json) {
            Optional<CloseSchedules.Settings> settings = config.groupName().filter(name -> !name.isBlank()).map(group -> new CloseSchedules.Settings(
                    Settings.requireMatch(group, "[0-9A-Za-z_.-]{1,64}", "schedule.group-name", "a schedule group name"),
                    Settings.requireMatch(config.queueArn().orElse(""), QUEUE_ARN,
                            "schedule.queue-arn", "the command queue's ARN, required with schedule.group-name"),
                    Settings.requireMatch(config.roleArn().orElse(""), "arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+",
                            "schedule.role-arn", "the ARN of the role the scheduler assumes, required with schedule.group-name"),
                    config.deadLetterArn().filter(arn -> !arn.isBlank()).map(arn -> Settings.requireMatch(arn, QUEUE_ARN,
                            "schedule.dead-letter-arn", "a queue ARN")),
                    Settings.requirePositive(config.maxAhead(), "schedule.max-ahead")));
            return new CloseSchedules(settings, json, Clock.systemUTC());
        }
    }
}
