package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.EmbeddedMetrics;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.LogHygiene;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.RunningFunction;
import app.rechargeclose.testing.TestKeys;

/**
 * Keys as they really change, on the packaged function, warm, with its keys in moto's Secrets
 * Manager and nothing redeployed: WeChat Pay switches to a second public key, the merchant's
 * certificate is replaced (WeChat Pay refuses the old key), a key leaves the secret, the secret
 * breaks; a certificates-only merchant starts and closes. Waits are for time that must have
 * passed (a minimum interval, a max age), never for something to happen in time.
 */
class KeyRotationFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MAX_AGE = Duration.ofSeconds(2);
    private static final String READ_AGAIN = "read the keys again from wechatpay.secret-id";

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    @Test
    void closesGoOnWhileTheKeysRotateInPlace() throws Exception {
        String secret = moto.createSecret("rotation/" + System.nanoTime(), secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(),
                List.of(TestKeys.PUBLIC_KEY_ID)));
        try (RunningFunction http = start("http", secret, Duration.ofMinutes(10))) { // read again only when a call asks
            WeChatPaySimulator simulator = http.simulator();
            Instant lastRead = Instant.now();
            assertClosed(http, "rot1");
            assertEquals(TestKeys.PUBLIC_KEY_ID, simulator.calls().getLast().wechatpaySerial(), "the secret's first public key is asked for");

            // WeChat Pay begins to sign with a second public key, which the secret gains.
            moto.putSecretValue(secret, secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(), List.of(TestKeys.PUBLIC_KEY_ID,
                    TestKeys.PUBLIC_KEY_ID_2)));
            simulator.rotate(new WeChatPaySimulator.Keys(TestKeys.MERCHANT_SERIAL_NO, WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey()),
                    TestKeys.PUBLIC_KEY_ID_2, WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey2())));
            waitPast(lastRead, MIN_REFRESH_INTERVAL);
            for (int i = 0; i < 3; i++) {
                assertClosed(http, "rot2x" + i);
            }
            lastRead = Instant.now();

            // The merchant certificate is replaced: a new serial and key; WeChat Pay refuses the old ones. The first key leaves.
            moto.putSecretValue(secret, secret(TestKeys.MERCHANT_SERIAL_NO_2, TestKeys.merchantPrivateKey2(), List.of(TestKeys.PUBLIC_KEY_ID_2)));
            simulator.rotate(new WeChatPaySimulator.Keys(TestKeys.MERCHANT_SERIAL_NO_2, WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey2()),
                    TestKeys.PUBLIC_KEY_ID_2, WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey2())));
            waitPast(lastRead, MIN_REFRESH_INTERVAL);
            for (int i = 0; i < 3; i++) {
                assertClosed(http, "rot3x" + i);
            }
            assertTrue(simulator.calls().stream().anyMatch(call -> !call.signatureValid()), "the old key was refused once");
            assertTrue(simulator.calls().getLast().authorization().contains("serial_no=\"" + TestKeys.MERCHANT_SERIAL_NO_2 + "\""));

            // Answers signed by the key that left the secret are no longer trusted.
            simulator.rotate(new WeChatPaySimulator.Keys(TestKeys.MERCHANT_SERIAL_NO_2, WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey2()),
                    TestKeys.PUBLIC_KEY_ID, WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey())));
            HttpReply refused = close(http, "rot4");
            assertEquals(502, refused.status());
            assertEquals("UPSTREAM_UNVERIFIED", refused.body().get("code").asText());
            LogHygiene.assertClean(http.function().log());
        }
    }

    @Test
    void aBrokenSecretChangesNothingButAnErrorLineAndAMetric() throws Exception {
        String secret = moto.createSecret("broken/" + System.nanoTime(), secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(),
                List.of(TestKeys.PUBLIC_KEY_ID)));
        try (RunningFunction http = start("http", secret, MAX_AGE)) {
            assertClosed(http, "broken1");
            moto.putSecretValue(secret, "{\"private_key\": \"not a key\"}");
            waitPast(Instant.now(), MAX_AGE);
            for (int i = 0; i < 3; i++) {
                assertClosed(http, "broken2x" + i);
            }
            String log = http.function().awaitLog(text -> text.contains("could not read the keys again"), Duration.ofSeconds(10));
            assertTrue(log.lines().anyMatch(line -> line.contains("\"level\":\"ERROR\"") && line.contains("could not read the keys again from wechatpay.secret-id")),
                    log);
            assertTrue(EmbeddedMetrics.lines(log).stream().anyMatch(line -> line.path("KeyReadFailures").asInt() == 1), "the KeyReadFailures metric");
            LogHygiene.assertClean(log);
        }
    }

    /**
     * A key that leaked is taken out of the secret while WeChat Pay (here: whoever holds it) still
     * signs with it: once the keys are older than their max age, no warm container trusts it.
     */
    @Test
    void aKeyRemovedFromTheSecretIsNoLongerTrustedOnceMaxAgePassed() throws Exception {
        String secret = moto.createSecret("removal/" + System.nanoTime(), secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(),
                List.of(TestKeys.PUBLIC_KEY_ID_2, TestKeys.PUBLIC_KEY_ID)));
        try (RunningFunction http = start("http", secret, MAX_AGE)) {
            assertClosed(http, "leak1");
            moto.putSecretValue(secret, secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(), List.of(TestKeys.PUBLIC_KEY_ID_2)));
            waitPast(Instant.now(), MAX_AGE);

            // The read past max age is waited for half a second at most: a close may still pass with the old keys while it runs.
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20 && !statuses.contains(502); i++) {
                statuses.add(close(http, "leak2x" + i).status());
                Thread.sleep(100);
            }
            assertEquals(502, statuses.getLast(), "answers signed by the removed key are refused: " + statuses);
            assertEquals(502, close(http, "leak3").status(), "and stay refused");
        }
    }

    @Test
    void manyAnswersUnderAnUnknownSerialAtOnceCauseOneRead() throws Exception {
        String secret = moto.createSecret("flight/" + System.nanoTime(), secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(),
                List.of(TestKeys.PUBLIC_KEY_ID)));
        Duration interval = Duration.ofSeconds(3);
        try (RunningFunction sqs = start("sqs", secret, Duration.ofMinutes(10), environment -> environment.put("WECHATPAY_KEYS_MIN_REFRESH_INTERVAL",
                interval.toSeconds() + "s"))) {
            Instant started = Instant.now();
            moto.putSecretValue(secret, secret(TestKeys.MERCHANT_SERIAL_NO, TestKeys.merchantPrivateKey(), List.of(TestKeys.PUBLIC_KEY_ID,
                    TestKeys.PUBLIC_KEY_ID_2)));
            sqs.simulator().rotate(new WeChatPaySimulator.Keys(TestKeys.MERCHANT_SERIAL_NO, WeChatPaySimulator.publicKey(TestKeys.merchantPublicKey()),
                    TestKeys.PUBLIC_KEY_ID_2, WeChatPaySimulator.privateKey(TestKeys.platformPrivateKey2())));
            waitPast(started, interval);

            List<String> recharges = List.of("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10");
            LambdaRuntimeEmulator.Outcome outcome = sqs.runtime().invoke(Events.sqsBatch(recharges).toString(), Duration.ofSeconds(30));

            assertFalse(outcome.error(), outcome.body());
            assertEquals(List.of(), MockLambda.failedIdsOf(outcome.body()), "every close verified with the key read for the first");
            assertEquals(1, sqs.function().log().lines().filter(line -> line.contains(READ_AGAIN)).count());
        }
    }

    @Test
    void aCertificatesOnlyMerchantStartsAndCloses() throws Exception {
        ObjectNode certificatesOnly = JSON.createObjectNode().put("merchant_serial_no", TestKeys.MERCHANT_SERIAL_NO)
                .put("private_key", TestKeys.merchantPrivateKey()).put("platform_certificates", TestKeys.certificate());
        String secret = moto.createSecret("certificates/" + System.nanoTime(), certificatesOnly.toString());
        try (RunningFunction http = start("http", secret, MAX_AGE)) {
            assertClosed(http, "cert1");
            assertNull(http.simulator().calls().getLast().wechatpaySerial(), "no public key asked for: the certificate signs");
            JsonNode certificateLine = EmbeddedMetrics.lines(http.function().log()).stream()
                    .filter(line -> "platform".equals(line.path("Certificate").asText())).findFirst().orElseThrow();
            assertTrue(certificateLine.get("CertificateDaysLeft").asLong() > 30, certificateLine.toString());
        }
    }

    private static RunningFunction start(String handler, String secret, Duration maxAge) throws Exception {
        return start(handler, secret, maxAge, environment -> environment.put("WECHATPAY_KEYS_MIN_REFRESH_INTERVAL",
                MIN_REFRESH_INTERVAL.toSeconds() + "s"));
    }

    /** As deployed with today's secret: no serial and no public key id in the environment, the keys read again after {@code maxAge}. */
    private static RunningFunction start(String handler, String secret, Duration maxAge, Consumer<Map<String, String>> adjust) throws Exception {
        return Contract.held(RunningFunction.start(handler, environment -> {
            moto.useKeySecret(environment, secret);
            environment.remove("WECHATPAY_MERCHANT_SERIAL_NO");
            environment.remove("WECHATPAY_PUBLIC_KEY_ID");
            environment.put("WECHATPAY_KEYS_MAX_AGE", maxAge.toSeconds() + "s");
            adjust.accept(environment);
        }));
    }

    private static String secret(String serial, String privateKey, List<String> publicKeyIds) {
        ObjectNode secret = JSON.createObjectNode().put("merchant_serial_no", serial).put("private_key", privateKey);
        ObjectNode publicKeys = secret.putObject("public_keys");
        for (String id : publicKeyIds) {
            publicKeys.put(id, id.equals(TestKeys.PUBLIC_KEY_ID) ? TestKeys.platformPublicKey() : TestKeys.platformPublicKey2());
        }
        return secret.toString();
    }

    private static void assertClosed(RunningFunction function, String outRechargeNo) throws Exception {
        HttpReply reply = close(function, outRechargeNo);
        assertEquals(200, reply.status(), reply.body().toString());
    }

    private static HttpReply close(RunningFunction function, String outRechargeNo) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = function.runtime().invoke(Events.closeEvent(outRechargeNo).toString(), Duration.ofSeconds(30));
        assertFalse(outcome.error(), outcome.body());
        return HttpReply.of(outcome.body());
    }

    /** Sleeps until {@code duration} has passed since {@code since}: time that must have gone by, whatever the machine's load. */
    private static Instant waitPast(Instant since, Duration duration) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), since.plus(duration).plusMillis(50));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
        return Instant.now();
    }
}
