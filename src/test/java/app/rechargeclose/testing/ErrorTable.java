package app.rechargeclose.testing;

import java.util.stream.Stream;

import app.rechargeclose.sandbox.Scenario;

/**
 * The HTTP contract's error table (README) for what WeChat Pay answers, row by row: a simulator
 * scenario, the status and code the function must answer with, and how many closes and queries
 * it makes on the way (3 attempts in all for a transient failure, a rate limit never retried at once, then the query when the outcome
 * stayed unknown, the answer failed verification or could not be read, or a 400 may be about a
 * close already made). The handler tests and the packaged
 * function's ITs both check every row.
 */
public final class ErrorTable {

    private ErrorTable() {
    }

    public record Row(Scenario scenario, int status, String code, int closes, int queries) {

        /** Only an answer that came with a Request-ID passes one on: not a timeout, not a dropped connection. */
        public boolean hasRequestId() {
            return status != 504 && scenario != Scenario.RESET;
        }

        @Override
        public String toString() {
            return scenario + " -> " + status + " " + code + " after " + closes + " closes and " + queries + " queries";
        }
    }

    public static Stream<Row> upstreamFailures() {
        return Stream.of(
                new Row(Scenario.E400, 400, "INVALID_REQUEST", 1, 1),
                new Row(Scenario.E403, 403, "NO_AUTH", 1, 0),
                new Row(Scenario.E404, 404, "ORDER_NOT_EXIST", 1, 0),
                new Row(Scenario.E429, 429, "FREQUENCY_LIMITED", 1, 1),
                new Row(Scenario.E401, 502, "UPSTREAM_REJECTED_SIGNATURE", 1, 0),
                new Row(Scenario.E500, 502, "UPSTREAM_UNAVAILABLE", 3, 1),
                new Row(Scenario.HTML, 502, "UPSTREAM_UNAVAILABLE", 3, 1),
                new Row(Scenario.HTML429, 502, "UPSTREAM_UNAVAILABLE", 3, 1),
                new Row(Scenario.RESET, 502, "UPSTREAM_UNAVAILABLE", 3, 1),
                new Row(Scenario.DOWN, 502, "UPSTREAM_UNAVAILABLE", 3, 3),
                new Row(Scenario.NOTJSON, 502, "UPSTREAM_UNAVAILABLE", 1, 1),
                new Row(Scenario.SLOW, 504, "UPSTREAM_TIMEOUT", 3, 1),
                new Row(Scenario.TRUNCATED, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.BADSIG, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.PROBE, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.NOSIG, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.STALE, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.FUTURE, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.UNKNOWNSERIAL, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.TAMPERED, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.OTHERNO, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.OTHERSUB, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.OTHERSP, 502, "UPSTREAM_UNVERIFIED", 1, 1),
                new Row(Scenario.QUERYOTHER, 502, "UPSTREAM_UNVERIFIED", 3, 1),
                new Row(Scenario.PARAMERR, 400, "PARAM_ERROR", 1, 1));
    }
}
