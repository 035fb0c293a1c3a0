package app.rechargeclose.lambda;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import app.rechargeclose.events.CloseEvent;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.CloseResult;
import app.rechargeclose.recharge.InvalidCommandException;
import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.scheduler.ScheduledClose;
import app.rechargeclose.scheduler.SchedulerUnavailableException;
import app.rechargeclose.telemetry.CloseOutcome;
import app.rechargeclose.wechatpay.Verdict;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * What a close came to, as both edges tell it: the HTTP status and stable {@code code} of the
 * contract (the README's error table), a message that holds no key material and no personal data,
 * WeChat Pay's {@code Request-ID}, the recharge WeChat Pay holds when a verified answer said,
 * whether the failure is final (retrying the command cannot change it), and whether it is
 * transient (WeChat Pay down, unreachable or asking for fewer calls: worth coming back later). The one place where results
 * and failures get their status and code, read from the {@link CloseResult} or the failure's
 * {@link Verdict}: the http handler answers with it, the sqs handler
 * acknowledges, dead-letters or retries by it, and telemetry writes it.
 */
record Outcome(int status, String code, String message, Optional<String> requestId, Optional<WechatPayAnswer<Recharge>> recharge,
        boolean isFinal, Optional<ScheduledClose> scheduled, boolean isTransient) implements CloseOutcome {

    private static final Logger LOG = Logger.getLogger(Outcome.class);

    private static final String CLOSED = "CLOSED";
    private static final String PAID = "RECHARGE_ALREADY_PAID";
    static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

    /** Closed is done; paid is final (it can never be closed); any other state may still close. */
    static Outcome of(CloseResult result) {
        WechatPayAnswer<Recharge> answer = result.answer();
        Recharge recharge = answer.body();
        return switch (result) {
            case CloseResult.Closed closed -> new Outcome(200, CLOSED, "the recharge is closed", answer.requestId(), Optional.of(answer), false, Optional.empty(), false);
            case CloseResult.Paid paid -> new Outcome(409, PAID,
                    "recharge " + recharge.outRechargeNo() + " was already paid (SUCCESS) and can no longer be closed", answer.requestId(),
                    Optional.of(answer), true, Optional.empty(), false);
            case CloseResult.NotClosed notClosed -> new Outcome(409, "RECHARGE_NOT_CLOSED",
                    "recharge " + recharge.outRechargeNo() + " is " + recharge.rechargeState() + ", not CLOSED", answer.requestId(),
                    Optional.of(answer), false, Optional.empty(), false);
        };
    }

    /** The final outcome of a failed close; a failure that is a bug of ours is logged here, once. */
    static Outcome of(Throwable failure) {
        Outcome outcome = describe(failure);
        if (outcome.status() == 500) {
            LOG.error("close failed unexpectedly", failure);
        }
        return outcome;
    }

    /** Status, code and message for a failure, without side effects: also used for each upstream attempt. */
    static Outcome describe(Throwable failure) {
        if (failure instanceof InvalidCommandException invalid) {
            return new Outcome(400, "INVALID_ARGUMENT", invalid.getMessage(), Optional.empty(), Optional.empty(), true, Optional.empty(), false);
        }
        if (failure instanceof WechatPayException upstream) {
            return upstream(upstream);
        }
        if (failure instanceof SchedulerUnavailableException unavailable) {
            return plain(502, "SCHEDULER_UNAVAILABLE", unavailable.getMessage());
        }
        return plain(500, "INTERNAL_ERROR", "the close could not be processed: " + failure.getClass().getSimpleName());
    }

    /** WeChat Pay's own errors keep its status, code and message; the rest say what kind of trouble it was. */
    private static Outcome upstream(WechatPayException failure) {
        int status = switch (failure.verdict()) {
            case TIMED_OUT -> 504;
            case CONNECTION_FAILED, SERVER_ERROR, NOT_WECHATPAY, UNREADABLE, UNVERIFIED, SIGNATURE_REJECTED -> 502;
            case RATE_LIMITED, REFUSED, INVALID_PARAMETER, FORBIDDEN, NOT_FOUND, REJECTED -> failure.status();
        };
        String code = switch (failure.verdict()) {
            case TIMED_OUT -> "UPSTREAM_TIMEOUT";
            case CONNECTION_FAILED, SERVER_ERROR, NOT_WECHATPAY, UNREADABLE -> "UPSTREAM_UNAVAILABLE";
            case UNVERIFIED -> "UPSTREAM_UNVERIFIED";
            case SIGNATURE_REJECTED -> "UPSTREAM_REJECTED_SIGNATURE";
            case RATE_LIMITED, REFUSED, INVALID_PARAMETER, FORBIDDEN, NOT_FOUND, REJECTED -> failure.code().orElseThrow();
        };
        String message = failure.verdict() == Verdict.SIGNATURE_REJECTED
                ? "WeChat Pay rejected our request signature: check wechatpay.private-key and wechatpay.merchant-serial-no"
                : failure.getMessage();
        return new Outcome(status, code, message, failure.requestId(), Optional.empty(), failure.verdict().isFinal(), Optional.empty(),
                failure.verdict().isTransient());
    }

    /** 202: the close will be made at its time, and nothing was asked of WeChat Pay. */
    static Outcome of(ScheduledClose scheduled) {
        return new Outcome(202, scheduled.kind().name(), "the close of recharge " + scheduled.command().outRechargeNo() + " is scheduled for "
                + scheduled.closeAt(), Optional.empty(), Optional.empty(), false, Optional.of(scheduled), false);
    }

    static Outcome cancelled() {
        return plain(204, "CANCELLED", "the scheduled close is cancelled");
    }

    static Outcome noSchedule() {
        return plain(404, "SCHEDULE_NOT_FOUND", "no close is scheduled for this recharge (never scheduled, cancelled, or already made)");
    }

    static Outcome schedulingDisabled() {
        return plain(501, "SCHEDULED_CLOSE_DISABLED", "scheduled closes are not enabled for this deployment");
    }

    static Outcome notFound() {
        return plain(404, "NOT_FOUND", "no such route; use POST /recharges/{out_recharge_no}/close");
    }

    static Outcome methodNotAllowed() {
        return plain(405, METHOD_NOT_ALLOWED, "use POST to close a recharge (now, or at close_at), DELETE to cancel a scheduled close");
    }

    /** A FIFO message not sent because an earlier one of its message group failed: SQS order would not hold otherwise. */
    static Outcome fifoPredecessorFailed() {
        return plain(409, "FIFO_PREDECESSOR_FAILED", "an earlier message of its FIFO message group failed; not sent");
    }

    /** An outcome of our own: no WeChat Pay answer, nothing scheduled, not final. */
    private static Outcome plain(int status, String code, String message) {
        return new Outcome(status, code, message, Optional.empty(), Optional.empty(), false, Optional.empty(), false);
    }

    /**
     * This outcome as the platform learns it ({@link CloseEvent}): WeChat Pay's {@code recharge_state}
     * when a verified answer said, the time of a scheduled close.
     */
    CloseEvent event(String eventId, CloseCommand command, String handler, Optional<String> sqsMessageId, Optional<String> lambdaRequestId,
            Optional<String> actor, Optional<String> sender) {
        return new CloseEvent(eventId, code, status, command.outRechargeNo(), command.subMchid(),
                recharge.map(answer -> answer.body().rechargeState().toString()), requestId, handler, sqsMessageId, lambdaRequestId, actor,
                sender, scheduled.map(ScheduledClose::closeAt), Instant.now());
    }

    /** WeChat Pay said, verified, what holds for good: closed, or paid (which can never be closed). */
    boolean isConcluded() {
        return isClosed() || status == 409 && PAID.equals(code);
    }

    /** Only a verified answer makes this: an error body saying "CLOSED" is still an error. */
    @Override
    public boolean isClosed() {
        return status == 200 && CLOSED.equals(code);
    }
}
