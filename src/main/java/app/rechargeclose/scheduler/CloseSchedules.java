package app.rechargeclose.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.aws.ClientOnFirstUse;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.InvalidCommandException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * Closes made at a recharge's deadline: one EventBridge Scheduler schedule per recharge, in a group
 * of this function's own, that sends the close command to the command queue at its time, as any
 * other command, and deletes itself once it fired. The scheduler retries a delivery it could not
 * make and puts what it finally could not deliver in its own dead-letter queue.
 * <p>
 * A recharge has one schedule: scheduling it again moves it to the new time (the last request wins,
 * so a platform that extends a deadline schedules again), and cancelling deletes it. Its name is a
 * digest of the sub-merchant and {@code out_recharge_no}: one per recharge, the same whoever asks,
 * and nothing readable in the scheduler's listings. The SDK's client (JDK HTTP client; region,
 * credentials and endpoint from the environment) is made on the first call, off the start path.
 */
public class CloseSchedules {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    /** EventBridge Scheduler's own defaults, spelled out: a day of retries before the dead-letter queue. */
    private static final int MAX_DELIVERY_RETRIES = 185;
    private static final Duration MAX_DELIVERY_AGE = Duration.ofDays(1);
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);

    /**
     * @param groupName     the schedule group, the function's own
     * @param queueArn      the command queue, where a schedule sends its command
     * @param roleArn       the role the scheduler assumes to send there
     * @param deadLetterArn the queue of commands the scheduler could not deliver
     * @param maxAhead      how far ahead a close may be scheduled
     */
    public record Settings(String groupName, String queueArn, String roleArn, Optional<String> deadLetterArn, Duration maxAhead) {
    }

    /** A new schedule, or this recharge's schedule moved to the new time. */
    public enum Scheduled { SCHEDULED, RESCHEDULED }

    private final Optional<Settings> settings;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClientOnFirstUse<SchedulerClient> client = new ClientOnFirstUse<>(() -> SchedulerClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(API_CALL_TIMEOUT).build()).build(),
            "made the EventBridge Scheduler client");

    /** @param settings empty when scheduled closes are not enabled for this deployment */
    public CloseSchedules(Optional<Settings> settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    public boolean isEnabled() {
        return settings.isPresent();
    }

    /**
     * @param closeAt the deadline: the command is sent at its first whole second, never before it (the scheduler
     *                takes whole seconds, and a close before the deadline would refuse a payer still in time)
     * @param actor   who scheduled it, carried in the command the schedule sends: the actor of the close's outcome
     * @throws InvalidCommandException when {@code closeAt} has passed or is further ahead than allowed
     * @throws SchedulerUnavailableException when the scheduler could not be asked
     */
    public ScheduledClose schedule(CloseCommand command, Instant closeAt, Optional<String> actor) {
        Settings enabled = settings.orElseThrow();
        Instant now = clock.instant();
        if (!closeAt.isAfter(now)) {
            throw new InvalidCommandException("close_at has passed; without close_at the recharge is closed now");
        }
        if (closeAt.isAfter(now.plus(enabled.maxAhead()))) {
            throw new InvalidCommandException("close_at is more than " + enabled.maxAhead().toDays() + " days ahead");
        }
        Instant at = firstWholeSecondFrom(closeAt);
        String expression = "at(" + AT.format(at) + ")";
        Target target = target(enabled, command, actor);
        String name = scheduleName(command);
        try {
            try {
                client.get().createSchedule(request -> request.groupName(enabled.groupName()).name(name).scheduleExpression(expression)
                        .scheduleExpressionTimezone("UTC").flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                        .actionAfterCompletion(ActionAfterCompletion.DELETE).target(target));
                return new ScheduledClose(command, at, name, Scheduled.SCHEDULED);
            } catch (ConflictException exists) {
                client.get().updateSchedule(request -> request.groupName(enabled.groupName()).name(name).scheduleExpression(expression)
                        .scheduleExpressionTimezone("UTC").flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                        .actionAfterCompletion(ActionAfterCompletion.DELETE).target(target));
                return new ScheduledClose(command, at, name, Scheduled.RESCHEDULED);
            }
        } catch (SdkException e) {
            throw unavailable("schedule", e);
        }
    }

    /** {@code closeAt} itself when it is a whole second, else the next whole second. */
    static Instant firstWholeSecondFrom(Instant closeAt) {
        Instant second = closeAt.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(closeAt) ? second : second.plusSeconds(1);
    }

    /**
     * @return false when the recharge has no schedule (never made, cancelled, or already fired)
     * @throws SchedulerUnavailableException when the scheduler could not be asked
     */
    public boolean cancel(CloseCommand command) {
        Settings enabled = settings.orElseThrow();
        try {
            client.get().deleteSchedule(request -> request.groupName(enabled.groupName()).name(scheduleName(command)));
            return true;
        } catch (ResourceNotFoundException none) {
            return false;
        } catch (SdkException e) {
            throw unavailable("cancel", e);
        }
    }

    /** {@code close-} and 40 hex digits of SHA-256 over the sub-merchant and out_recharge_no: 64 characters at most, as the scheduler allows. */
    public static String scheduleName(CloseCommand command) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((command.subMchid() + "\n" + command.outRechargeNo()).getBytes(StandardCharsets.UTF_8));
            return "close-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The command queue, with the command as the SQS contract has it; a FIFO queue's group keeps one recharge's commands in order. */
    private Target target(Settings enabled, CloseCommand command, Optional<String> actor) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("out_recharge_no", command.outRechargeNo());
        body.put("sub_mchid", command.subMchid());
        actor.ifPresent(who -> body.put("scheduled_by", who));
        Target.Builder target = Target.builder().arn(enabled.queueArn()).roleArn(enabled.roleArn()).input(write(body))
                .retryPolicy(retry -> retry.maximumRetryAttempts(MAX_DELIVERY_RETRIES).maximumEventAgeInSeconds((int) MAX_DELIVERY_AGE.toSeconds()));
        enabled.deadLetterArn().ifPresent(arn -> target.deadLetterConfig(dead -> dead.arn(arn)));
        if (enabled.queueArn().endsWith(".fifo")) {
            target.sqsParameters(sqs -> sqs.messageGroupId(command.subMchid() + ":" + command.outRechargeNo()));
        }
        return target.build();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a close command cannot be written as JSON", e);
        }
    }

    private static SchedulerUnavailableException unavailable(String action, SdkException e) {
        return new SchedulerUnavailableException("EventBridge Scheduler could not " + action + " the close: " + e.getClass().getSimpleName());
    }
}
