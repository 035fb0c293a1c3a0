package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.testing.TestKeys;

/** Answer verification against the response vectors, with a fixed clock at their timestamp. */
class ResponseValidatorTest {

    private static final long SIGNED_AT = 1554208460L;

    static Stream<JsonNode> responseVectors() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(TestKeys.vectors());
        return Stream.iterate(0, i -> i < vectors.get("responses").size(), i -> i + 1).map(i -> vectors.get("responses").get(i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseVectors")
    void judgesEachVectorAsItsExpectationSays(JsonNode vector) {
        Validation validator = validatorAt(SIGNED_AT);
        Runnable validate = () -> validator.validate(headers(vector), vector.get("body").asText().getBytes(StandardCharsets.UTF_8), "req-1");

        if (vector.get("expect").asText().startsWith("valid")) {
            assertDoesNotThrow(validate::run);
        } else {
            WechatPayException failure = assertThrows(WechatPayException.class, validate::run);
            assertTrue(failure.getMessage().contains("Wechatpay-Signature does not match"), failure.getMessage());
            assertEquals("req-1", failure.requestId().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301})
    void refusesAnswersSignedMoreThanFiveMinutesAway(long offsetSeconds) throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        var failure = assertThrows(WechatPayException.class,
                () -> validatorAt(SIGNED_AT + offsetSeconds).validate(headers(valid), valid.get("body").asText().getBytes(StandardCharsets.UTF_8), null));
        assertTrue(failure.getMessage().contains("5 minutes"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999", "-9223372036854775808", "9223372036854775807", "1554208460.5", "soon"})
    void refusesATimestampThatIsNoTimeNearNowWithoutAnException(String timestamp) throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        Map<String, String> headers = headerMap(valid);
        headers.put("Wechatpay-Timestamp", timestamp);
        assertThrows(WechatPayException.class, () -> validatorAt(SIGNED_AT).validate(headers::get, valid.get("body").asText().getBytes(StandardCharsets.UTF_8), null));
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, 300})
    void acceptsAnswersExactlyFiveMinutesAway(long offsetSeconds) throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        assertDoesNotThrow(() -> validatorAt(SIGNED_AT + offsetSeconds).validate(headers(valid), valid.get("body").asText().getBytes(StandardCharsets.UTF_8), null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"})
    void refusesAnswersMissingAWechatpayHeader(String header) throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        Map<String, String> headers = headerMap(valid);
        headers.remove(header);
        var failure = assertThrows(WechatPayException.class,
                () -> validatorAt(SIGNED_AT).validate(headers::get, valid.get("body").asText().getBytes(StandardCharsets.UTF_8), null));
        assertTrue(failure.getMessage().contains(header + " header is missing"), failure.getMessage());
    }

    /**
     * An unknown serial is a question for the keys' source, not yet a verdict: the same answer is
     * verified once more with the keys read again, and only then refused.
     */
    @Test
    void asksAboutAnUnknownSerialAndVerifiesTheSameAnswerWithTheKeysReadAgain() throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        String newId = "PUB_KEY_ID_0000000000000000000000000000000002";
        Map<String, String> headers = headerMap(valid);
        headers.put("Wechatpay-Serial", newId);
        byte[] body = valid.get("body").asText().getBytes(StandardCharsets.UTF_8);
        ResponseValidator validator = new ResponseValidator(Clock.fixed(Instant.ofEpochSecond(SIGNED_AT), ZoneOffset.UTC));

        UnknownSerialException unknown = assertThrows(UnknownSerialException.class, () -> validator.validate(KEYS, headers::get, body, "req-2"));

        var stillUnknown = assertThrows(WechatPayException.class, () -> unknown.withStatus(200).verifyWith(validator, KEYS));
        assertTrue(stillUnknown.getMessage().contains("names no key"), stillUnknown.getMessage());
        assertEquals(Verdict.UNVERIFIED, stillUnknown.verdict());
        WechatPayKeys gained = WechatPayKeys.of(TestKeys.MERCHANT_SERIAL_NO, PemKeys.privateKey(TestKeys.merchantPrivateKey()),
                newId, PemKeys.publicKey(TestKeys.platformPublicKey()), List.of());
        VerifiedBytes verified = unknown.withStatus(200).verifyWith(validator, gained);
        assertEquals(200, verified.status());
        assertEquals("req-2", verified.requestId());
        assertArrayEquals(body, verified.body());
    }

    @Test
    void findsPlatformCertificatesByTheSerialWeChatPayWrites() {
        var certificate = PemKeys.certificates(TestKeys.certificate()).get(0);
        RsaVerifier verifier = new RsaVerifier(Map.of(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)),
                certificate.getPublicKey()));
        assertTrue(verifier.knowsSerial(TestKeys.CERTIFICATE_SERIAL));
        assertTrue(verifier.knowsSerial(TestKeys.CERTIFICATE_SERIAL.toLowerCase()));
    }

    /**
     * The signature covers the bytes as sent, not a decoding of them: a body that is not UTF-8,
     * signed by openssl with the platform key, verifies as it is (reading it is the client's
     * concern, which refuses it as unreadable), and one changed byte does not.
     */
    @Test
    void verifiesTheExactBytesAsSentWithoutDecodingThem() throws Exception {
        byte[] body = {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}; // 0xC3 0x28: no UTF-8 sequence
        String timestamp = Long.toString(SIGNED_AT);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.write((timestamp + "\nnonce-1\n").getBytes(StandardCharsets.US_ASCII));
        message.write(body);
        message.write('\n');
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(Map.of("Wechatpay-Timestamp", timestamp, "Wechatpay-Nonce", "nonce-1", "Wechatpay-Serial", TestKeys.PUBLIC_KEY_ID,
                "Wechatpay-Signature", opensslWithPlatformKey(message.toByteArray())));

        assertDoesNotThrow(() -> validatorAt(SIGNED_AT).validate(headers::get, body, null));
        byte[] changed = body.clone();
        changed[7] = (byte) 0xC4;
        assertThrows(WechatPayException.class, () -> validatorAt(SIGNED_AT).validate(headers::get, changed, null));
    }

    private static String opensslWithPlatformKey(byte[] message) throws Exception {
        Path key = Files.createTempFile("platform", ".pem");
        try {
            Files.writeString(key, TestKeys.platformPrivateKey());
            Process sign = new ProcessBuilder("sh", "-c", "openssl dgst -sha256 -sign '" + key + "' | openssl base64 -A").start();
            sign.getOutputStream().write(message);
            sign.getOutputStream().close();
            String signature = new String(sign.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertEquals(0, sign.waitFor());
            return signature;
        } finally {
            Files.delete(key);
        }
    }

    /** The test keys: the vectors' public key, under its id. */
    private static final WechatPayKeys KEYS = WechatPayKeys.of(TestKeys.MERCHANT_SERIAL_NO, PemKeys.privateKey(TestKeys.merchantPrivateKey()),
            TestKeys.PUBLIC_KEY_ID, PemKeys.publicKey(TestKeys.platformPublicKey()), List.of());

    @FunctionalInterface
    private interface Validation {
        void validate(ResponseValidator.HeaderLookup headers, byte[] body, String requestId);
    }

    private static Validation validatorAt(long epochSecond) {
        ResponseValidator validator = new ResponseValidator(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
        return (headers, body, requestId) -> validator.validate(KEYS, headers, body, requestId);
    }

    private static ResponseValidator.HeaderLookup headers(JsonNode vector) {
        return headerMap(vector)::get;
    }

    /** Case-insensitive, as HTTP headers are. */
    private static Map<String, String> headerMap(JsonNode vector) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> plain = new HashMap<>();
        vector.get("headers").fields().forEachRemaining(field -> plain.put(field.getKey(), field.getValue().asText()));
        headers.putAll(plain);
        return headers;
    }
}
