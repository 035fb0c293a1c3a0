package app.rechargeclose.recharge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

import app.rechargeclose.wechatpay.Host;
import app.rechargeclose.wechatpay.Operation;
import app.rechargeclose.wechatpay.Verdict;
import app.rechargeclose.wechatpay.WechatPay;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayException;
import io.smallrye.mutiny.Uni;

/**
 * The close use case: one validated command, signed attempts retried within the deadline, one
 * verified answer about this recharge, one {@link CloseResult}. What each failed attempt means
 * (retry, fail over, ask the query) is its {@link Verdict}'s to say; when the last one leaves a doubt
 * (no answer, a 5xx, a 429, a 400 that may be about a close already made, an answer that failed
 * verification or could not be read), it asks WeChat Pay's query API before answering, on the host
 * the close last went to. Knows nothing of the edges that call it: what a result means to a caller
 * is theirs to say.
 */
public class RechargeCloser {

    private final WechatPay wechatPay;
    private final RetryPolicy retryPolicy;
    private final String mchid;
    private final Clock clock;
    private final DoubleSupplier jitter;

    /** As deployed: the system clock, and jitter drawn from the operating system's entropy. */
    public static RechargeCloser of(WechatPay wechatPay, RetryPolicy retryPolicy, String mchid) {
        return new RechargeCloser(wechatPay, retryPolicy, mchid, Clock.systemUTC(), new Jitter());
    }

    /**
     * @param mchid  our platform merchant id, which every answer's {@code sp_mchid} must be
     * @param jitter draws the backoff's random share, in [0, 1)
     */
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
                .onFailure(failure -> says(failure, Verdict::isWorthQuery))
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
            return Uni.createFrom().failure(WechatPayException.timedOut("no time left before the deadline"));
        }
        CloseCommand command = call.command();
        return wechatPay.call(operation, host, command.outRechargeNo(), command.subMchid(), budget.get(), Recharge.class)
                .chain(answer -> aboutOurRequest(answer, command))
                .invoke(answer -> call.attempts().attempted(new Attempt(command, operation, attempt, host, since(start), Optional.empty(),
                        answer.requestId())))
                .onFailure().invoke(failure -> call.attempts().attempted(new Attempt(command, operation, attempt, host, since(start),
                        Optional.of(failure), failure instanceof WechatPayException upstream ? upstream.requestId() : Optional.empty())))
                .onFailure().invoke(failure -> call.nextHost().set(says(failure, Verdict::failsOver) ? Host.BACKUP : host))
                .onFailure(failure -> says(failure, Verdict::isWorthRetry) && attempt < retryPolicy.maxAttempts())
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
                : Uni.createFrom().failure(WechatPayException.unverified("its recharge is not the one asked for (" + differs + " differs)",
                        answer.requestId().orElse(null)));
    }

    /** Whether the failure's {@link Verdict} means this; never for a bug of ours, which nothing retries or queries. */
    private static boolean says(Throwable failure, Predicate<Verdict> meaning) {
        return WechatPayException.verdictOf(failure).filter(meaning).isPresent();
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
                .onFailure().recoverWithUni(queryFailure -> Uni.createFrom().failure(says(queryFailure, Verdict::isVerificationFailure)
                        ? queryFailure : doubt))
                .chain(result -> result instanceof CloseResult.NotClosed
                        ? Uni.createFrom().failure(doubt)
                        : Uni.createFrom().item(result));
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
