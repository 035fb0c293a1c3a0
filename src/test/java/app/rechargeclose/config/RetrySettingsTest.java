package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.rechargeclose.recharge.RetryPolicy;

/** Every retry setting is checked where it is read, at start, and a wrong one is named by its key. */
class RetrySettingsTest {

    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadlineMargin, Duration queryReserve)
            implements WechatPayConfig.Retry {
    }

    private static final Retry DEFAULTS = new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

    @Test
    void makesThePolicyOfTheDefaults() {
        assertEquals(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3)),
                WechatPaySetup.retryPolicy(DEFAULTS));
    }

    @Test
    void acceptsNoBackoffAndNoMargin() {
        assertEquals(Duration.ZERO, WechatPaySetup.retryPolicy(new Retry(3, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(3)))
                .deadlineMargin());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "wechatpay.retry.max-attempts, 'must be at least 1'",
        "wechatpay.retry.initial-backoff, 'must not be negative'",
        "wechatpay.retry.max-backoff, 'must not be negative'",
        "wechatpay.retry.deadline-margin, 'must not be negative'",
        "wechatpay.retry.query-reserve, 'must be at least 250ms'",
    })
    void namesTheSettingThatIsWrong(String key, String problem) {
        Duration negative = Duration.ofMillis(-1);
        Retry wrong = switch (key) {
            case "wechatpay.retry.max-attempts" -> new Retry(0, DEFAULTS.initialBackoff(), DEFAULTS.maxBackoff(), DEFAULTS.deadlineMargin(),
                    DEFAULTS.queryReserve());
            case "wechatpay.retry.initial-backoff" -> new Retry(3, negative, DEFAULTS.maxBackoff(), DEFAULTS.deadlineMargin(), DEFAULTS.queryReserve());
            case "wechatpay.retry.max-backoff" -> new Retry(3, DEFAULTS.initialBackoff(), negative, DEFAULTS.deadlineMargin(), DEFAULTS.queryReserve());
            case "wechatpay.retry.deadline-margin" -> new Retry(3, DEFAULTS.initialBackoff(), DEFAULTS.maxBackoff(), negative, DEFAULTS.queryReserve());
            default -> new Retry(3, DEFAULTS.initialBackoff(), DEFAULTS.maxBackoff(), DEFAULTS.deadlineMargin(), Duration.ofMillis(100));
        };
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> WechatPaySetup.retryPolicy(wrong));
        assertEquals(key + ": " + problem, failure.getMessage());
    }
}
