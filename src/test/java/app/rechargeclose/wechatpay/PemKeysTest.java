package app.rechargeclose.wechatpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import app.rechargeclose.testing.TestKeys;

/** PEM keys that cannot be used are refused with the problem named, and never a part of the key. */
class PemKeysTest {

    static Stream<Arguments> malformedKeys() {
        return Stream.of(
                Arguments.of("not a key at all", "expected exactly one PEM block, found 0"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\nAAAA%%%%\n-----END PRIVATE KEY-----",
                        "the PRIVATE KEY block is not valid Base64"),
                Arguments.of("-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
                        "not a readable RSA private key (InvalidKeySpecException)"),
                Arguments.of("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        "expected a PRIVATE KEY or RSA PRIVATE KEY block, found CERTIFICATE"));
    }

    @ParameterizedTest
    @MethodSource("malformedKeys")
    void namesTheProblemWithoutEchoingTheValue(String pem, String expected) {
        InvalidKeyMaterialException failure = assertThrows(InvalidKeyMaterialException.class, () -> PemKeys.privateKey(pem));
        assertEquals(expected, failure.getMessage());
    }

    @Test
    void aPrivateKeyGivenAsThePublicKeyIsRefusedWithoutLeakingIt() {
        String privateKey = TestKeys.merchantPrivateKey();
        InvalidKeyMaterialException failure = assertThrows(InvalidKeyMaterialException.class, () -> PemKeys.publicKey(privateKey));
        assertEquals("expected a PUBLIC KEY block, found PRIVATE KEY", failure.getMessage());
        String keyLine = privateKey.lines().skip(1).findFirst().orElseThrow();
        assertFalse(failure.toString().contains(keyLine.substring(0, 20)));
    }
}
