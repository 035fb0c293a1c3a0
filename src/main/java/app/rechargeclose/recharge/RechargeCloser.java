package app.rechargeclose.recharge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import app.rechargeclose.config.WechatPayConfig;
import app.rechargeclose.telemetry.LogContext;
import app.rechargeclose.telemetry.Telemetry;
import app.rechargeclose.wechatpay.UpstreamRejectedException;
import app.rechargeclose.wechatpay.UnverifiedResponseException;
import app.rechargeclose.wechatpay.UpstreamTimeoutException;
import app.rechargeclose.wechatpay.UpstreamUnavailableException;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayClient;
import app.rechargeclose.wechatpay.WechatPayClient.Host;
import app.rechargeclose.wechatpay.WechatPayClient.Operation;
import app.rechargeclose.wechatpay.WechatPayException;
import io.smallrye.mutiny.Uni;

/**
 * The close use case: one validated command, signed attempts retried within the Lambda deadline,
 * one verified answer. When the outcome stays unknown (timeouts, 5xx, 429 after the last attempt),
 * or WeChat Pay refuses with a 400 that may be about a close already made, it asks WeChat Pay's
 * query API before answering. Knows nothing of Lambda events.
 */
@ApplicationScoped
public class RechargeCloser {

    private static final Logger LOG = Logger.getLogger(RechargeCloser.class);

    private final WechatPayClient wechatPay;
    private final RetryPolicy retryPolicy;
    private final Telemetry telemetry;
    private final Clock clock = Clock.systemUTC();
    private final Jitter jitter = new Jitter();
    private final String mchid;
    private final Set<String> reportedUnknownValues = ConcurrentHashMap.newKeySet();

    public RechargeCloser(WechatPayClient wechatPay, WechatPayConfig config, Telemetry telemetry) {
        this.wechatPay = wechatPay;
        this.retryPolicy = RetryPolicy.from(config.retry());
        this.telemetry = telemetry;
        this.mchid = config.mchid();
    }

    /**
     * @return the verified answer whose recharge is what WeChat Pay holds now; fails with a
     *         {@link WechatPayException} or a {@link RechargeAlreadyPaidException}
     */
    public Uni<WechatPayAnswer<Recharge>> close(CloseCommand command, Invocation invocation) {
        return attempt(Operation.CLOSE, command, invocation, 1, Host.PRIMARY)
                .onFailure(failure -> leavesOutcomeUnknown(failure) || isBusinessRefusal(failure))
                .recoverWithUni(doubt -> truthAfterDoubt(command, invocation, (WechatPayException) doubt))
                .chain(RechargeCloser::paidIsNoClose)
                .invoke(answer -> reportUnknownValues(answer, command, invocation));
    }

    private Uni<WechatPayAnswer<Recharge>> attempt(Operation operation, CloseCommand command, Invocation invocation, int attempt, Host host) {
        Instant start = clock.instant();
        Optional<Duration> budget = budget(operation, attempt, start, invocation);
        if (budget.isEmpty()) {
            return Uni.createFrom().failure(new UpstreamTimeoutException("no time left before the Lambda deadline"));
        }
        return wechatPay.call(operation, host, command.outRechargeNo(), command.subMchid(), budget.get())
                .chain(answer -> aboutOurRequest(answer, command))
                .invoke(answer -> telemetry.attempt(invocation, command, operation, attempt, host, null, answer.requestId(), since(start)))
                .onFailure().invoke(failure -> telemetry.attempt(invocation, command, operation, attempt, host, failure, null, since(start)))
                .onFailure(failure -> leavesOutcomeUnknown(failure) && attempt < retryPolicy.maxAttempts())
                .recoverWithUni(failure -> retry(operation, command, invocation, attempt + 1, nextHost(host, failure), failure));
    }

    private Uni<WechatPayAnswer<Recharge>> retry(Operation operation, CloseCommand command, Invocation invocation, int attempt, Host host,
            Throwable previous) {
        Duration wait = retryPolicy.backoff(attempt, jitter);
        if (budget(operation, attempt, clock.instant().plus(wait), invocation).isEmpty()) {
            return Uni.createFrom().failure(previous);
        }
        // Full jitter draws a zero wait now and then, and Mutiny refuses to delay by zero.
        Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return pause.chain(() -> attempt(operation, command, invocation, attempt, host));
    }

    /** A close attempt leaves the query its reserve; a query attempt may use all the time there is. */
    private Optional<Duration> budget(Operation operation, int attempt, Instant start, Invocation invocation) {
        return operation == Operation.CLOSE
                ? retryPolicy.closeAttemptBudget(attempt, start, invocation.deadline(), wechatPay.timeout())
                : retryPolicy.attemptBudget(start, invocation.deadline(), wechatPay.timeout());
    }

    /**
     * WeChat Pay's signature covers the body, not the request: a signed answer about another recharge
     * (replayed, or from a wrong base URL) proves nothing about ours, so it counts as unverified.
     */
    private Uni<WechatPayAnswer<Recharge>> aboutOurRequest(WechatPayAnswer<Recharge> answer, CloseCommand command) {
        Recharge recharge = answer.body();
        String differs = !command.outRechargeNo().equals(recharge.outRechargeNo()) ? "out_recharge_no"
                : !command.subMchid().equals(recharge.subMchid()) ? "sub_mchid"
                : !mchid.equals(recharge.spMchid()) ? "sp_mchid"
                : null;
        return differs == null ? Uni.createFrom().item(answer)
                : Uni.createFrom().failure(new UnverifiedResponseException("its recharge is not the one asked for (" + differs + " differs)",
                        answer.requestId()));
    }

    /** After a connection failure the signed request may go to the backup access point; a 5xx stays put. */
    private static Host nextHost(Host host, Throwable failure) {
        return failure instanceof UpstreamUnavailableException unavailable && unavailable.isConnectionFailure() ? Host.BACKUP : host;
    }

    /** Transient failures (retried while there are attempts and time): the close may or may not have happened. */
    private static boolean leavesOutcomeUnknown(Throwable failure) {
        return failure instanceof WechatPayException upstream && upstream.isRetryable();
    }

    /**
     * A 400 ("the state does not allow closing") may be about a close that already happened: an
     * earlier attempt whose answer was lost, or an earlier delivery of the same command (SQS delivers
     * at least once; HTTP callers retry), so it is checked against the query API too.
     */
    private static boolean isBusinessRefusal(Throwable failure) {
        return failure instanceof UpstreamRejectedException rejected && rejected.status() == 400;
    }

    /** A recharge that was paid cannot be closed: a verified SUCCESS is a failure of its own, with the recharge. */
    private static Uni<WechatPayAnswer<Recharge>> paidIsNoClose(WechatPayAnswer<Recharge> answer) {
        return RechargeState.SUCCESS.equals(answer.body().rechargeState())
                ? Uni.createFrom().failure(new RechargeAlreadyPaidException(answer))
                : Uni.createFrom().item(answer);
    }

    /**
     * Asks WeChat Pay what became of the recharge. CLOSED and SUCCESS are answers (the success we
     * wanted, or a payment that won the race); an answer that failed verification is UPSTREAM_UNVERIFIED;
     * anything else, or no answer, keeps the original failure.
     */
    private Uni<WechatPayAnswer<Recharge>> truthAfterDoubt(CloseCommand command, Invocation invocation, WechatPayException doubt) {
        return attempt(Operation.QUERY, command, invocation, 1, Host.PRIMARY)
                .onFailure().recoverWithUni(queryFailure -> Uni.createFrom().failure(queryFailure instanceof UnverifiedResponseException
                        ? queryFailure : doubt))
                .chain(answer -> RechargeState.CLOSED.equals(answer.body().rechargeState()) || RechargeState.SUCCESS.equals(answer.body().rechargeState())
                        ? Uni.createFrom().item(answer)
                        : Uni.createFrom().failure(doubt));
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }

    /** WeChat Pay adds enum values and fields without notice: pass them on, and say so once per value. */
    private void reportUnknownValues(WechatPayAnswer<Recharge> answer, CloseCommand command, Invocation invocation) {
        Recharge recharge = answer.body();
        Stream.concat(
                Stream.of(recharge.rechargeState(), recharge.rechargeChannel(), recharge.accountType(), recharge.rechargeScene())
                        .filter(value -> value != null && !value.isKnown())
                        .map(value -> value.getClass().getSimpleName() + " value " + value),
                recharge.unknownFields() == null ? Stream.empty() : recharge.unknownFields().keySet().stream().map(field -> "field " + field))
                .filter(reportedUnknownValues::add)
                .forEach(what -> LogContext.with(invocation.lambdaRequestId(), command.outRechargeNo(), answer.requestId(),
                        () -> LOG.infof("WeChat Pay sent an unknown %s; passed on unchanged", what)));
    }
}
