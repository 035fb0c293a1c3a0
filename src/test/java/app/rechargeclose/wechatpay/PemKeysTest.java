package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import app.rechargeclose.testing.TestKeys;

class PemKeysTest {

    static Stream<Arguments> malformedKeys() {
        return Stream.of(
                Arguments.of("not a key at all", "wechatpay.private-key: expected exactly one PEM block, found 0"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\nAAAA%%%%\n-----END PRIVATE KEY-----",
                        "wechatpay.private-key: the PRIVATE KEY block is not valid Base64"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
                        "wechatpay.private-key: not a readable RSA private key (InvalidKeySpecException)"),
                Arguments.of("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        "wechatpay.private-key: expected a PRIVATE KEY or RSA PRIVATE KEY block, found CERTIFICATE"));
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void namesTheSettingAndTheProblemWithoutEchoingTheValue(String pem, String expected) {
        InvalidKeyMaterialException failure = assertThrows(InvalidKeyMaterialException.class, () -> PemKeys.privateKey(pem, "wechatpay.private-key"));
        assertEquals(expected, failure.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"wechatpay.public-key"})
    void aPrivateKeyGivenAsThePublicKeyIsRefusedWithoutLeakingIt(String setting) {
        String privateKey = TestKeys.merchantPrivateKey();
        InvalidKeyMaterialException failure = assertThrows(InvalidKeyMaterialException.class, () -> PemKeys.publicKey(privateKey, setting));
        assertEquals("wechatpay.public-key: expected a PUBLIC KEY block, found PRIVATE KEY", failure.getMessage());
        String keyLine = privateKey.lines().skip(1).findFirst().orElseThrow();
        assertFalse(failure.toString().contains(keyLine.substring(0, 20)));
    }
}
