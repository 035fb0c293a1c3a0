package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
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
        ResponseValidator validator = validatorAt(SIGNED_AT);
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

    @Test
    void refusesAnswersSignedByAnUnknownSerial() throws IOException {
        JsonNode valid = responseVectors().findFirst().orElseThrow();
        Map<String, String> headers = headerMap(valid);
        headers.put("Wechatpay-Serial", "PUB_KEY_ID_0000000000000000000000000000000000");
        var failure = assertThrows(WechatPayException.class,
                () -> validatorAt(SIGNED_AT).validate(headers::get, valid.get("body").asText().getBytes(StandardCharsets.UTF_8), null));
        assertTrue(failure.getMessage().contains("names no key"), failure.getMessage());
    }

    @Test
    void findsPlatformCertificatesByTheSerialWeChatPayWrites() {
        var certificate = PemKeys.certificates(TestKeys.certificate()).get(0);
        RsaVerifier verifier = new RsaVerifier(Map.of(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)),
                certificate.getPublicKey()));
        assertTrue(verifier.knowsSerial(TestKeys.CERTIFICATE_SERIAL));
        assertTrue(verifier.knowsSerial(TestKeys.CERTIFICATE_SERIAL.toLowerCase()));
    }

    private static ResponseValidator validatorAt(long epochSecond) {
        PublicKey publicKey = PemKeys.publicKey(TestKeys.platformPublicKey());
        return new ResponseValidator(new RsaVerifier(Map.of(TestKeys.PUBLIC_KEY_ID, publicKey)),
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
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
