package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.testing.TestKeys;

/** Request signing, checked against the published and openssl-computed vectors and against openssl itself. */
class RequestAuthorizerTest {

    private static final RsaSigner SIGNER = new RsaSigner(PemKeys.privateKey(TestKeys.merchantPrivateKey()));

    static Stream<JsonNode> requestVectors() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(TestKeys.vectors());
        return Stream.iterate(0, i -> i < vectors.get("requests").size(), i -> i + 1).map(i -> vectors.get("requests").get(i));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestVectors")
    void reproducesTheReferenceAuthorizationExactly(JsonNode vector) {
        Clock fixed = Clock.fixed(Instant.ofEpochSecond(vector.get("timestamp").asLong()), ZoneOffset.UTC);
        RequestAuthorizer authorizer = new RequestAuthorizer(TestKeys.MCHID, fixed, () -> vector.get("nonce_str").asText());

        String authorization = authorizer.authorization(TestKeys.MERCHANT_SERIAL_NO, SIGNER, vector.get("method").asText(), vector.get("url").asText(),
                vector.get("body").asText());

        assertEquals(vector.get("authorization").asText(), authorization);
    }

    @Test
    void signatureMatchesOpensslForAFreshNonce() throws Exception {
        RequestAuthorizer authorizer = new RequestAuthorizer(TestKeys.MCHID, Clock.systemUTC(), RequestAuthorizer.secureNonces());
        String target = "/v3/platsolution/ecommerce/recharges/out-recharge-no/cz2020042013/close?sub_mchid=1900001121";

        String authorization = authorizer.authorization(TestKeys.MERCHANT_SERIAL_NO, SIGNER, "POST", target, "");

        String message = "POST\n" + target + "\n" + param(authorization, "timestamp") + "\n" + param(authorization, "nonce_str") + "\n\n";
        assertEquals(openssl(message), param(authorization, "signature"));
    }

    @Test
    void noncesAre32AlphanumericCharactersAndDiffer() {
        var nonces = RequestAuthorizer.secureNonces();
        String first = nonces.get();
        assertTrue(first.matches("[0-9A-Za-z]{32}"), first);
        assertNotEquals(first, nonces.get());
    }

    @Test
    void pkcs1PrivateKeySignsLikeItsPkcs8Form() throws Exception {
        Path pkcs8 = Files.createTempFile("merchant", ".pem");
        Files.writeString(pkcs8, TestKeys.merchantPrivateKey());
        Process convert = new ProcessBuilder("openssl", "rsa", "-traditional", "-in", pkcs8.toString()).redirectErrorStream(false).start();
        String pkcs1 = new String(convert.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, convert.waitFor());
        assertTrue(pkcs1.startsWith("-----BEGIN RSA PRIVATE KEY-----"), "openssl should write PKCS#1");

        String message = "POST\n/v3/x\n1\nn\n\n";
        assertEquals(new RsaSigner(PemKeys.privateKey(TestKeys.merchantPrivateKey())).sign(message),
                new RsaSigner(PemKeys.privateKey(pkcs1)).sign(message));
    }

    private static String param(String authorization, String name) {
        Matcher matcher = Pattern.compile(name + "=\"([^\"]*)\"").matcher(authorization);
        assertTrue(matcher.find(), name + " missing from " + authorization);
        return matcher.group(1);
    }

    static String openssl(String message) throws Exception {
        Path key = Files.createTempFile("merchant", ".pem");
        Files.writeString(key, TestKeys.merchantPrivateKey());
        Process sign = new ProcessBuilder("sh", "-c", "openssl dgst -sha256 -sign '" + key + "' | openssl base64 -A").start();
        sign.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        sign.getOutputStream().close();
        String signature = new String(sign.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, sign.waitFor());
        Files.delete(key);
        return signature;
    }
}
