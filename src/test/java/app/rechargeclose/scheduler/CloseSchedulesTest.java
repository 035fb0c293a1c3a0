package app.rechargeclose.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a deadline's close is sent: the scheduler takes whole seconds, and the close may never come before the deadline. */
class CloseSchedulesTest {

    @ParameterizedTest
    @CsvSource({
            "2027-01-01T10:30:00Z, 2027-01-01T10:30:00Z",
            "2027-01-01T10:30:00.001Z, 2027-01-01T10:30:01Z",
            "2027-01-01T10:30:19.600Z, 2027-01-01T10:30:20Z",
            "2027-01-01T10:30:59.999999999Z, 2027-01-01T10:31:00Z",
            "2027-12-31T23:59:59.5Z, 2028-01-01T00:00:00Z"})
    void aDeadlineWithAFractionRunsAtTheNextWholeSecond(Instant closeAt, Instant expected) {
        Instant at = CloseSchedules.firstWholeSecondFrom(closeAt);

        assertEquals(expected, at);
        assertFalse(at.isBefore(closeAt), "never before the deadline");
        assertEquals(0, at.getNano());
    }
}
