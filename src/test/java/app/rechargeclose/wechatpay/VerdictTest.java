package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each kind of answer means, decided once: the README's retry rules and the SQS contract's
 * final failures, row by row (status, WeChat Pay's code; retry, query, final, fail over).
 */
class VerdictTest {

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource(nullValues = "none", textBlock = """
        500, SYSTEM_ERROR,    SERVER_ERROR,       true,  true,  false, false
        502, none,            SERVER_ERROR,       true,  true,  false, false
        429, FREQUENCY_LIMITED, RATE_LIMITED,     false, true,  false, false
        429, none,            SERVER_ERROR,       true,  true,  false, false
        400, INVALID_REQUEST, REFUSED,            false, true,  false, false
        400, PARAM_ERROR,     INVALID_PARAMETER,  false, true,  true,  false
        401, SIGN_ERROR,      SIGNATURE_REJECTED, false, false, false, false
        403, NO_AUTH,         FORBIDDEN,          false, false, true,  false
        404, ORDER_NOT_EXIST, NOT_FOUND,          false, false, true,  false
        409, CONFLICT,        REJECTED,           false, false, false, false
        404, none,            NOT_WECHATPAY,      false, false, false, false
        302, none,            NOT_WECHATPAY,      false, false, false, false
        200, none,            UNREADABLE,         false, true,  false, false
        """)
    void decidesWhatAnAnswerMeans(int status, String code, Verdict verdict, boolean retry, boolean query, boolean isFinal, boolean failsOver) {
        WechatPayException failure = WechatPayException.answered(status, code, "m", "REQ-1");
        assertEquals(verdict, failure.verdict());
        assertFlags(failure.verdict(), retry, query, isFinal, failsOver);
        assertEquals(status, failure.status());
        assertEquals("REQ-1", failure.requestId().orElseThrow());
        assertEquals(code == null ? java.util.Optional.empty() : java.util.Optional.of(code), failure.code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
        timedOut,         true,  true,  false, false
        connectionFailed, true,  true,  false, true
        unverified,       false, true,  false, false
        """)
    void decidesWhatNoTrustedAnswerMeans(String kind, boolean retry, boolean query, boolean isFinal, boolean failsOver) {
        WechatPayException failure = switch (kind) {
            case "timedOut" -> WechatPayException.timedOut("late");
            case "connectionFailed" -> WechatPayException.connectionFailed("refused");
            default -> WechatPayException.unverified("a WECHATPAY/SIGNTEST/ probe signature", "REQ-1");
        };
        assertFlags(failure.verdict(), retry, query, isFinal, failsOver);
        assertEquals(0, failure.status(), "no trusted status");
        assertEquals(kind.equals("unverified"), failure.verdict().isVerificationFailure());
    }

    private static void assertFlags(Verdict verdict, boolean retry, boolean query, boolean isFinal, boolean failsOver) {
        assertEquals(retry, verdict.isWorthRetry(), "retry");
        assertEquals(query, verdict.isWorthQuery(), "query");
        assertEquals(isFinal, verdict.isFinal(), "final");
        assertEquals(failsOver, verdict.failsOver(), "fail over");
    }
}
