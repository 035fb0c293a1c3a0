package app.rechargeclose.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.FakeWechatPay;
import app.rechargeclose.testing.FakeWechatPay.Reply;
import app.rechargeclose.testing.TestClock;
import app.rechargeclose.wechatpay.Host;
import app.rechargeclose.wechatpay.Operation;
import app.rechargeclose.wechatpay.Verdict;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * The close use case alone, in plain JUnit: a scripted WeChat Pay, a clock that moves only as the
 * fake's calls take time, and no jitter, so every attempt, host and budget can be asserted exactly.
 * The deployed settings: 3 attempts, a 10 s attempt timeout, 1 s kept for answering, 3 s for the query.
 */
class RechargeCloserTest {

    private static final String MCHID = "1900000109";
    private static final String SUB_MCHID = "1900001121";
    private static final String OUT_RECHARGE_NO = "cz2020042013";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final FakeWechatPay wechatPay = new FakeWechatPay(clock, TIMEOUT);
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));
    private final RechargeCloser closer = new RechargeCloser(wechatPay, policy, MCHID, clock, () -> 0.0);
    private final CloseCommand command = new CloseCommand(OUT_RECHARGE_NO, SUB_MCHID);
    private final List<Attempt> attempts = new ArrayList<>();

    @Test
    void aVerifiedClosedAnswerIsClosed() {
        wechatPay.willReply(inState("CLOSED"));

        CloseResult result = close(Duration.ofSeconds(30));

        CloseResult.Closed closed = assertInstanceOf(CloseResult.Closed.class, result);
        assertEquals(OUT_RECHARGE_NO, closed.answer().body().outRechargeNo());
        assertEquals(List.of(new FakeWechatPay.Call(Operation.CLOSE, Host.PRIMARY, OUT_RECHARGE_NO, SUB_MCHID, TIMEOUT)), wechatPay.calls());
        assertEquals(1, attempts.size());
        assertEquals(Optional.empty(), attempts.get(0).failure());
        assertEquals(Optional.of("REQ-1"), attempts.get(0).requestId());
    }

    @Test
    void aPaidRechargeIsAResultNotAFailure() {
        wechatPay.willReply(inState("SUCCESS"));
        assertInstanceOf(CloseResult.Paid.class, close(Duration.ofSeconds(30)));
    }

    @Test
    void anyOtherStateIsNotClosedAndAsksNothingMore() {
        wechatPay.willReply(inState("RECHARGING"));
        assertInstanceOf(CloseResult.NotClosed.class, close(Duration.ofSeconds(30)));
        assertEquals(1, wechatPay.calls().size());
    }

    @Test
    void anUnknownStateIsNotClosed() {
        wechatPay.willReply(inState("FROZEN"));
        CloseResult result = close(Duration.ofSeconds(30));
        assertInstanceOf(CloseResult.NotClosed.class, result);
        assertEquals("FROZEN", result.answer().body().rechargeState().toString());
    }

    @Test
    void retriesTransientFailuresOnTheSameHostUntilOneAnswers() {
        wechatPay.willReply(Reply.failure(serverError()), Reply.failure(WechatPayException.timedOut("late")), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(Host.PRIMARY, Host.PRIMARY, Host.PRIMARY), wechatPay.calls().stream().map(FakeWechatPay.Call::host).toList());
        assertEquals(List.of(1, 2, 3), attempts.stream().map(Attempt::number).toList());
        assertEquals(List.of(true, true, false), attempts.stream().map(attempt -> attempt.failure().isPresent()).toList());
    }

    /** WeChat Pay asked for fewer calls: no second close at once, only the query to tell what holds (a payment may have raced the close). */
    @Test
    void aRateLimitIsNotRetriedAtOnceButTheQuerySaysWhatHolds() {
        wechatPay.willReply(Reply.failure(rateLimited()), inState("SUCCESS"));

        assertInstanceOf(CloseResult.Paid.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(Operation.CLOSE, Operation.QUERY), wechatPay.calls().stream().map(FakeWechatPay.Call::operation).toList());
    }

    @Test
    void aConnectionFailureFailsOverToTheBackupHostWhereItStays() {
        wechatPay.willReply(Reply.failure(WechatPayException.connectionFailed("refused")), Reply.failure(serverError()),
                inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(Host.PRIMARY, Host.BACKUP, Host.BACKUP), wechatPay.calls().stream().map(FakeWechatPay.Call::host).toList());
    }

    @Test
    void anOutcomeStillUnknownAfterTheLastAttemptIsSettledByTheQuery() {
        wechatPay.willReply(Reply.failure(serverError()), Reply.failure(serverError()), Reply.failure(serverError()), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(Operation.CLOSE, Operation.CLOSE, Operation.CLOSE, Operation.QUERY),
                wechatPay.calls().stream().map(FakeWechatPay.Call::operation).toList());
    }

    @Test
    void aQueryThatFindsThePaymentMakesItPaid() {
        wechatPay.willReply(Reply.hang(), Reply.hang(), Reply.hang(), inState("SUCCESS"));
        assertInstanceOf(CloseResult.Paid.class, close(Duration.ofSeconds(60)));
    }

    @Test
    void aQueryThatFindsTheRechargeOpenKeepsTheOriginalFailure() {
        WechatPayException original = serverError();
        wechatPay.willReply(Reply.failure(original), Reply.failure(serverError()), Reply.failure(original), inState("RECHARGING"));

        assertSame(original, closeFailure(Duration.ofSeconds(60)));
    }

    @Test
    void aQueryAnswerThatFailedVerificationIsTheFailure() {
        WechatPayException forged = WechatPayException.unverified("Wechatpay-Signature does not match the answer", "REQ-Q");
        wechatPay.willReply(Reply.failure(serverError()), Reply.failure(serverError()), Reply.failure(serverError()), Reply.failure(forged));

        assertSame(forged, closeFailure(Duration.ofSeconds(60)));
    }

    @Test
    void aRefusalWithA400IsCheckedWithTheQueryOnce() {
        WechatPayException refused = WechatPayException.answered(400, "INVALID_REQUEST", "当前充值单状态不允许关闭", "REQ-1");
        wechatPay.willReply(Reply.failure(refused), inState("CLOSED"));
        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        attempts.clear();
        FakeWechatPay again = new FakeWechatPay(clock, TIMEOUT).willReply(Reply.failure(refused), inState("RECHARGING"));
        WechatPayException failure = closeFailure(new RechargeCloser(again, policy, MCHID, clock, () -> 0.0), Duration.ofSeconds(60));
        assertSame(refused, failure);
        assertEquals(List.of(Operation.CLOSE, Operation.QUERY), again.calls().stream().map(FakeWechatPay.Call::operation).toList());
    }

    @Test
    void aFinalRefusalIsNeitherRetriedNorQueried() {
        WechatPayException noAuth = WechatPayException.answered(403, "NO_AUTH", "商户无权限", "REQ-1");
        wechatPay.willReply(Reply.failure(noAuth));

        assertSame(noAuth, closeFailure(Duration.ofSeconds(60)));
        assertEquals(1, wechatPay.calls().size());
    }

    @Test
    void aVerifiedAnswerAboutAnotherRechargeIsUnverifiedNotRetriedAndAskedOfTheQuery() {
        wechatPay.willReply(Reply.answer(FakeWechatPay.recharge(MCHID, "1900009999", OUT_RECHARGE_NO, "CLOSED")), inState("RECHARGING"));

        WechatPayException failure = closeFailure(Duration.ofSeconds(60));

        assertEquals(Verdict.UNVERIFIED, failure.verdict());
        assertTrue(failure.getMessage().contains("sub_mchid differs"), failure.getMessage());
        assertEquals(List.of(Operation.CLOSE, Operation.QUERY), wechatPay.calls().stream().map(FakeWechatPay.Call::operation).toList());
        assertEquals(Verdict.UNVERIFIED, ((WechatPayException) attempts.get(0).failure().orElseThrow()).verdict(), "the attempt is told as unverified");
    }

    @Test
    void anAnswerFromAnotherPlatformMerchantIsUnverified() {
        wechatPay.willReply(Reply.answer(FakeWechatPay.recharge("1900000999", SUB_MCHID, OUT_RECHARGE_NO, "CLOSED")), inState("RECHARGING"));
        assertTrue(closeFailure(Duration.ofSeconds(60)).getMessage().contains("sp_mchid differs"));
    }

    /** A close that took effect and came back with a probe signature (or any answer that fails verification) is no 502: the query tells. */
    @Test
    void aCloseAnswerThatFailedVerificationIsSettledByTheQuery() {
        WechatPayException probe = WechatPayException.unverified("a WECHATPAY/SIGNTEST/ probe signature", "REQ-1");
        wechatPay.willReply(Reply.failure(probe), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(new FakeWechatPay.Call(Operation.CLOSE, Host.PRIMARY, OUT_RECHARGE_NO, SUB_MCHID, TIMEOUT),
                new FakeWechatPay.Call(Operation.QUERY, Host.PRIMARY, OUT_RECHARGE_NO, SUB_MCHID, TIMEOUT)), wechatPay.calls());
    }

    @Test
    void anUnreadableCloseAnswerIsSettledByTheQueryAndOtherwiseKept() {
        WechatPayException unreadable = WechatPayException.answered(200, null, "WeChat Pay's verified answer is not a readable recharge object",
                "REQ-1");
        wechatPay.willReply(Reply.failure(unreadable), inState("SUCCESS"));
        assertInstanceOf(CloseResult.Paid.class, close(Duration.ofSeconds(60)));

        FakeWechatPay again = new FakeWechatPay(clock, TIMEOUT).willReply(Reply.failure(unreadable), inState("RECHARGING"));
        assertSame(unreadable, closeFailure(new RechargeCloser(again, policy, MCHID, clock, () -> 0.0), Duration.ofSeconds(60)));
        assertEquals(2, again.calls().size(), "never retried, asked of the query once");
    }

    @Test
    void afterAFailoverTheQueryGoesToTheBackupHost() {
        wechatPay.willReply(Reply.failure(WechatPayException.connectionFailed("refused")), Reply.failure(serverError()),
                Reply.failure(serverError()), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(60)));

        assertEquals(List.of(Operation.CLOSE, Operation.CLOSE, Operation.CLOSE, Operation.QUERY),
                wechatPay.calls().stream().map(FakeWechatPay.Call::operation).toList());
        assertEquals(List.of(Host.PRIMARY, Host.BACKUP, Host.BACKUP, Host.BACKUP), wechatPay.calls().stream().map(FakeWechatPay.Call::host).toList());
    }

    /**
     * 5 s left, 1 s kept for answering: the first close may take half of the 4 s, so the query keeps
     * the other half; after it hung, a retry would eat the query's reserve, so the query goes next.
     */
    @Test
    void aHungCloseLeavesTheQueryItsShareOfAShortDeadline() {
        wechatPay.willReply(Reply.hang(), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(5)));

        assertEquals(List.of(new FakeWechatPay.Call(Operation.CLOSE, Host.PRIMARY, OUT_RECHARGE_NO, SUB_MCHID, Duration.ofSeconds(2)),
                new FakeWechatPay.Call(Operation.QUERY, Host.PRIMARY, OUT_RECHARGE_NO, SUB_MCHID, Duration.ofSeconds(2))), wechatPay.calls());
    }

    /**
     * 20 s (the deployed SQS deadline): close 1 takes its 10 s, close 2 the 6 s that leave the reserve,
     * and the query the 3 s up to the second kept for answering; no third close.
     */
    @Test
    void retriesOnlyWhileTheQueryKeepsItsReserve() {
        wechatPay.willReply(Reply.hang(), Reply.hang(), inState("CLOSED"));

        assertInstanceOf(CloseResult.Closed.class, close(Duration.ofSeconds(20)));

        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(3)),
                wechatPay.calls().stream().map(FakeWechatPay.Call::deadline).toList());
    }

    @Test
    void aBugOfOursIsToldAsAnAttemptAndPassedOnUnretried() {
        IllegalStateException bug = new IllegalStateException("a body that cannot be signed");
        wechatPay.willReply(Reply.failure(bug));

        Throwable failure = assertThrows(IllegalStateException.class,
                () -> closer.close(command, START.plusSeconds(60), attempts::add).await().atMost(Duration.ofSeconds(5)));

        assertSame(bug, failure);
        assertEquals(1, wechatPay.calls().size());
        assertEquals(Optional.of(bug), attempts.get(0).failure());
    }

    @Test
    void noTimeLeftMeansNoCallAndATimeout() {
        assertEquals(Verdict.TIMED_OUT, closeFailure(Duration.ofMillis(1100)).verdict());
        assertEquals(List.of(), wechatPay.calls());
    }

    private Reply inState(String state) {
        return Reply.answer(FakeWechatPay.recharge(MCHID, SUB_MCHID, OUT_RECHARGE_NO, state));
    }

    private static WechatPayException serverError() {
        return WechatPayException.answered(500, "SYSTEM_ERROR", "WeChat Pay answered 500 SYSTEM_ERROR", "REQ-500");
    }

    private static WechatPayException rateLimited() {
        return WechatPayException.answered(429, "FREQUENCY_LIMITED", "请求频率超限", "REQ-429");
    }

    private CloseResult close(Duration deadline) {
        return closer.close(command, START.plus(deadline), attempts::add).await().atMost(Duration.ofSeconds(5));
    }

    private WechatPayException closeFailure(Duration deadline) {
        return closeFailure(closer, deadline);
    }

    private WechatPayException closeFailure(RechargeCloser closer, Duration deadline) {
        return assertThrows(WechatPayException.class,
                () -> closer.close(command, clock.instant().plus(deadline), attempts::add).await().atMost(Duration.ofSeconds(5)));
    }
}
