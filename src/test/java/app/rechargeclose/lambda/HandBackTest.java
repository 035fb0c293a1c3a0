package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wait a queued close is handed back for: doubling with each receive, capped, never less than half of its ceiling. */
class HandBackTest {

    private static final Duration FIRST = Duration.ofSeconds(60);
    private static final Duration MAX = Duration.ofHours(1);

    @ParameterizedTest(name = "receive {0}: {1} to {2} s")
    @CsvSource({
            "1, 30, 60",
            "2, 60, 120",
            "3, 120, 240",
            "6, 960, 1920",
            "7, 1800, 3600",
            "8, 1800, 3600",
            "1000, 1800, 3600",
            "0, 30, 60"})
    void doublesWithEachReceiveUpToTheMaximumNeverBelowHalf(int receiveCount, long lowest, long highest) {
        assertEquals(Duration.ofSeconds(lowest), HandBack.visibility(receiveCount, FIRST, MAX, 0.0));
        assertEquals(Duration.ofSeconds(highest), HandBack.visibility(receiveCount, FIRST, MAX, 0.999999));
        Duration middle = HandBack.visibility(receiveCount, FIRST, MAX, 0.5);
        assertEquals(true, middle.compareTo(Duration.ofSeconds(lowest)) >= 0 && middle.compareTo(Duration.ofSeconds(highest)) <= 0);
    }
}
