package app.rechargeclose.recharge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import app.rechargeclose.config.WechatPayConfig;
import app.rechargeclose.wechatpay.Host;
import app.rechargeclose.wechatpay.Operation;
import app.rechargeclose.wechatpay.UnverifiedResponseException;
import app.rechargeclose.wechatpay.UpstreamRejectedException;
import app.rechargeclose.wechatpay.UpstreamTimeoutException;
import app.rechargeclose.wechatpay.UpstreamUnavailableException;
import app.rechargeclose.wechatpay.WechatPay;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayException;
import io.smallrye.mutiny.Uni;

/**
 * The close use case: one validated command, signed attempts retried within the deadline, one
 * verified answer about this recharge, one {@link CloseResult}. When the outcome stays unknown
 * (timeouts, 5xx, 429 after the last attempt, or an answer that failed verification or could not
 * be read), or WeChat Pay refuses with a 400 that may be about a close already made, it asks
 * WeChat Pay's query API before answering, on the host the close last went to. Knows nothing of
 * the edges that call it: what a result means to a caller is theirs to say.
 */
@Singleton
public class RechargeCloser {

    private final WechatPay wechatPay;
    private final RetryPolicy retryPolicy;
    private final String mchid;
    private final Clock clock;
    private final DoubleSupplier jitter;

    @Inject
    public RechargeCloser(WechatPay wechatPay, WechatPayConfig config) {
        this(wechatPay, RetryPolicy.from(config.retry()), config.mchid(), Clock.systemUTC(), new Jitter());
    }

    /** @param mchid our platform merchant id, which every answer's {@code sp_mchid} must be */
    public RechargeCloser(WechatPay wechatPay, RetryPolicy retryPolicy, String mchid, Clock clock, DoubleSupplier jitter) {
        this.wechatPay = wechatPay;
        this.retryPolicy = retryPolicy;
        this.mchid = mchid;
        this.clock = clock;
        this.jitter = jitter;
    }

    /**
     * @param deadline  no attempt runs past it (less the policy's margin)
     * @param attempts  told of every upstream attempt
     * @return what WeChat Pay holds, verified; fails with a {@link WechatPayException} (any other
     *         failure is a bug of ours, passed on as it is)
     */
    public Uni<CloseResult> close(CloseCommand command, Instant deadline, Attempt.Listener attempts) {
        Call call = new Call(command, deadline, attempts);
        return attempt(call, Operation.CLOSE, 1, Host.PRIMARY)
                .map(CloseResult::of)
                .onFailure(failure -> leavesOutcomeUnknown(failure) || isUntrustedAnswer(failure) || isBusinessRefusal(failure))
                .recoverWithUni(doubt -> truthAfterDoubt(call, (WechatPayException) doubt));
    }

    /**
     * One close being made: what every attempt of it needs, and where the next call goes (the host
     * the last attempt went to, or the backup after a connection failure).
     */
    private record Call(CloseCommand command, Instant deadline, Attempt.Listener attempts, AtomicReference<Host> nextHost) {

        Call(CloseCommand command, Instant deadline, Attempt.Listener attempts) {
            this(command, deadline, attempts, new AtomicReference<>(Host.PRIMARY));
        }
    }

    private Uni<WechatPayAnswer<Recharge>> attempt(Call call, Operation operation, int attempt, Host host) {
        Instant start = clock.instant();
        Optional<Duration> budget = budget(operation, attempt, start, call.deadline());
        if (budget.isEmpty()) {
            return Uni.createFrom().failure(new UpstreamTimeoutException("no time left before the deadline"));
        }
        CloseCommand command = call.command();
        return wechatPay.call(operation, host, command.outRechargeNo(), command.subMchid(), budget.get(), Recharge.class)
                .chain(answer -> aboutOurRequest(answer, command))
                .invoke(answer -> call.attempts().attempted(new Attempt(command, operation, attempt, host, since(start), Optional.empty(),
                        answer.requestId())))
                .onFailure().invoke(failure -> call.attempts().attempted(new Attempt(command, operation, attempt, host, since(start),
                        Optional.of(failure), failure instanceof WechatPayException upstream ? upstream.requestId() : Optional.empty())))
                .onFailure().invoke(failure -> call.nextHost().set(nextHost(host, failure)))
                .onFailure(failure -> leavesOutcomeUnknown(failure) && attempt < retryPolicy.maxAttempts())
                .recoverWithUni(failure -> retry(call, operation, attempt + 1, call.nextHost().get(), failure));
    }

    private Uni<WechatPayAnswer<Recharge>> retry(Call call, Operation operation, int attempt, Host host, Throwable previous) {
        Duration wait = retryPolicy.backoff(attempt, jitter);
        if (budget(operation, attempt, clock.instant().plus(wait), call.deadline()).isEmpty()) {
            return Uni.createFrom().failure(previous);
        }
        // Full jitter draws a zero wait now and then, and Mutiny refuses to delay by zero.
        Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem() : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
        return pause.chain(() -> attempt(call, operation, attempt, host));
    }

    /** A close attempt leaves the query its reserve; a query attempt may use all the time there is. */
    private Optional<Duration> budget(Operation operation, int attempt, Instant start, Instant deadline) {
        return operation == Operation.CLOSE
                ? retryPolicy.closeAttemptBudget(attempt, start, deadline, wechatPay.timeout())
                : retryPolicy.attemptBudget(start, deadline, wechatPay.timeout());
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
                        answer.requestId().orElse(null)));
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
     * An answer that failed verification (a probe signature, a stale timestamp, an answer about
     * another recharge) or a 2xx that could not be read is no verdict: the close may have taken
     * effect all the same. Never retried (the same answer may come again), but asked of the query,
     * whose own answer is verified on its own.
     */
    private static boolean isUntrustedAnswer(Throwable failure) {
        return failure instanceof UnverifiedResponseException
                || failure instanceof UpstreamUnavailableException unavailable && unavailable.isUnreadableAnswer();
    }

    /**
     * A 400 ("the state does not allow closing") may be about a close that already happened: an
     * earlier attempt whose answer was lost, or an earlier delivery of the same command (SQS delivers
     * at least once; HTTP callers retry), so it is checked against the query API too.
     */
    private static boolean isBusinessRefusal(Throwable failure) {
        return failure instanceof UpstreamRejectedException rejected && rejected.isBadRequest();
    }

    /**
     * Asks WeChat Pay what became of the recharge, on the host the close last went to: after a
     * failover the primary is the access point that just failed, and its connect timeout would eat
     * the query's reserve. CLOSED and SUCCESS are answers (the success we wanted, or a payment that
     * won the race); an answer that failed verification is that failure; anything else, or no
     * answer, keeps the original failure.
     */
    private Uni<CloseResult> truthAfterDoubt(Call call, WechatPayException doubt) {
        return attempt(call, Operation.QUERY, 1, call.nextHost().get())
                .map(CloseResult::of)
                .onFailure().recoverWithUni(queryFailure -> Uni.createFrom().failure(queryFailure instanceof UnverifiedResponseException
                        ? queryFailure : doubt))
                .chain(result -> result instanceof CloseResult.NotClosed
                        ? Uni.createFrom().failure(doubt)
                        : Uni.createFrom().item(result));
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
