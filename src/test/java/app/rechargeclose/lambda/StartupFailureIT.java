package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.TestKeys;

/** Missing or malformed configuration stops the packaged function at start, naming the key, never printing key material. */
class StartupFailureIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(nullValues = "none", textBlock = """
        WECHATPAY_PRIVATE_KEY, none, wechatpay.private-key
        WECHATPAY_PRIVATE_KEY, '', wechatpay.private-key
        WECHATPAY_PRIVATE_KEY, truncated, wechatpay.private-key
        WECHATPAY_PUBLIC_KEY, private, wechatpay.public-key
        WECHATPAY_MCHID, none, wechatpay.mchid
        WECHATPAY_BASE_URL, http://api.mch.weixin.qq.com, wechatpay.base-url
        WECHATPAY_TIMEOUT, soon, wechatpay.timeout
        WECHATPAY_SECRET_ID, unreachable, wechatpay.secret-id
        WECHATPAY_PUBLIC_KEY_ID, 408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB, wechatpay.public-key-id
        WECHATPAY_RETRY_DEADLINE_MARGIN, PT-1S, wechatpay.retry.deadline-margin
        WECHATPAY_RETRY_INITIAL_BACKOFF, PT-0.1S, wechatpay.retry.initial-backoff
        SQS_MAX_CONCURRENCY, 0, sqs.max-concurrency
        SQS_DEAD_LETTER_QUEUE_URL, recharge-close-dlq, sqs.dead-letter-queue-url
        SQS_BACKOFF_FIRST, 500ms, sqs.backoff-first
        SQS_BACKOFF_MAX, 13h, sqs.backoff-max
        WECHATPAY_KEYS_MAX_AGE, 0s, wechatpay.keys.max-age
        """)
    void refusesToStartAndNamesTheKey(String variable, String value, String key) throws Exception {
        Map<String, String> environment = PackagedFunction.environmentFor("http", 9);
        if (value == null) {
            environment.remove(variable);
        } else if (value.equals("truncated")) {
            String pem = TestKeys.merchantPrivateKey();
            environment.put(variable, pem.substring(0, pem.length() / 2) + "\n-----END PRIVATE KEY-----\n");
        } else if (value.equals("unreachable")) {
            environment.remove("WECHATPAY_PRIVATE_KEY");
            environment.remove("WECHATPAY_PUBLIC_KEY");
            environment.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
            environment.put(variable, "arn:aws:secretsmanager:ap-east-1:123456789012:secret:recharge-close/wechatpay-AbCdEf");
        } else if (value.equals("private")) {
            environment.put(variable, TestKeys.platformPrivateKey());
        } else {
            environment.put(variable, value);
        }
        try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator();
                PackagedFunction function = PackagedFunction.start(runtime, environment)) {
            String initError = runtime.initError().get(60, TimeUnit.SECONDS);
            assertNotNull(initError);
            if (PackagedFunction.isNative()) { // the JVM's runtime interface client posts Quarkus's generic words
                assertTrue(initError.contains(key), "the init error names " + key + ": " + initError);
            }
            LogHygiene.assertClean(initError);
            assertEquals(1, function.exitCodeWithin(Duration.ofSeconds(30)));
            String log = function.log();
            assertTrue(log.contains(key), "the log names " + key + ":\n" + log);
            LogHygiene.assertClean(log);
        }
    }
}
