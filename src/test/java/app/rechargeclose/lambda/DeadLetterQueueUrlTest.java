package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A malformed sqs.dead-letter-queue-url is refused before any message is closed, not at the first final failure. */
class DeadLetterQueueUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://sqs.ap-east-1.amazonaws.com/123456789012/recharge-close-dlq",
        "https://sqs.ap-east-1.amazonaws.com/123456789012/recharge-close-dlq.fifo", "http://127.0.0.1:4566/000000000000/dlq"})
    void acceptsAQueueUrl(String url) {
        assertEquals(url, DeadLetterQueue.checkedQueueUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"recharge-close-dlq", "arn:aws:sqs:ap-east-1:123456789012:recharge-close-dlq",
        "https://sqs.ap-east-1.amazonaws.com/recharge-close-dlq", "ftp://sqs.ap-east-1.amazonaws.com/123456789012/dlq", "https://sqs x/1/2"})
    void refusesAnythingElseNamingTheKey(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DeadLetterQueue.checkedQueueUrl(url));
        assertTrue(refused.getMessage().startsWith("sqs.dead-letter-queue-url: "), refused.getMessage());
    }
}
