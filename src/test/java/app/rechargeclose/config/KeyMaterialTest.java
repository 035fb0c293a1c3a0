package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.TestKeys;
import app.rechargeclose.wechatpay.PemKeys;

/** The keys as the PEM settings or one secret give them, in today's shape and the earlier one; every error names its key, never a key. */
class KeyMaterialTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The settings a test needs; {@code serial} and {@code publicKeyId} stand for WECHATPAY_MERCHANT_SERIAL_NO and WECHATPAY_PUBLIC_KEY_ID. */
    record Config(Optional<String> privateKey, Optional<String> publicKey, Optional<String> platformCertificates, Optional<String> secretId,
            Optional<String> merchantSerialNo, Optional<String> publicKeyId) implements WechatPayConfig {

        Config(Optional<String> privateKey, Optional<String> publicKey, Optional<String> platformCertificates, Optional<String> secretId) {
            this(privateKey, publicKey, platformCertificates, secretId, Optional.of(TestKeys.MERCHANT_SERIAL_NO), Optional.of(TestKeys.PUBLIC_KEY_ID));
        }

        /** Only a secret: what a deployment with today's secret sets. */
        static Config secretOnly() {
            return new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn:secret"), Optional.empty(), Optional.empty());
        }

        public String mchid() {
            return TestKeys.MCHID;
        }

        public URI baseUrl() {
            return URI.create("https://api.mch.weixin.qq.com");
        }

        public URI backupBaseUrl() {
            return URI.create("https://api2.mch.weixin.qq.com");
        }

        public Duration timeout() {
            return Duration.ofSeconds(10);
        }

        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        public Keys keys() {
            return new Keys() {
                public Duration maxAge() {
                    return Duration.ofMinutes(10);
                }

                public Duration minRefreshInterval() {
                    return Duration.ofSeconds(30);
                }
            };
        }

        public Retry retry() {
            throw new UnsupportedOperationException("key material needs no retry settings");
        }
    }

    /** Today's secret: everything that rotates together, two public keys, the merchant's certificate. */
    static ObjectNode secret() {
        ObjectNode secret = JSON.createObjectNode().put("merchant_serial_no", TestKeys.MERCHANT_SERIAL_NO_2)
                .put("private_key", TestKeys.merchantPrivateKey2()).put("merchant_certificate", TestKeys.merchantCertificate2());
        secret.putObject("public_keys").put(TestKeys.PUBLIC_KEY_ID_2, TestKeys.platformPublicKey2()).put(TestKeys.PUBLIC_KEY_ID, TestKeys.platformPublicKey());
        return secret;
    }

    @Test
    void readsTodaysSecretWithoutTheSerialOrKeyIdSettings() {
        KeyMaterial material = KeyMaterial.fromSecret(secret().toString(), Config.secretOnly(), JSON);

        assertTrue(material.keys().holds(TestKeys.PUBLIC_KEY_ID));
        assertTrue(material.keys().holds(TestKeys.PUBLIC_KEY_ID_2));
        assertFalse(material.keys().holds(TestKeys.CERTIFICATE_SERIAL));
        assertEquals(Map.of("merchant", PemKeys.certificates(TestKeys.merchantCertificate2()).getFirst().getNotAfter().toInstant()),
                material.certificateExpiries());
        assertTrue(material.keys().signsLike(KeyMaterial.fromSecret(secret().toString(), Config.secretOnly(), JSON).keys()));
    }

    @Test
    void readsTheEarlierShapeWithItsSettings() {
        String earlier = JSON.createObjectNode().put("private_key", TestKeys.merchantPrivateKey()).put("public_key", TestKeys.platformPublicKey())
                .toString();
        KeyMaterial material = KeyMaterial.fromSecret(earlier, new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn")), JSON);

        assertTrue(material.keys().holds(TestKeys.PUBLIC_KEY_ID));
        assertEquals(Map.of(), material.certificateExpiries());
    }

    @Test
    void readsACertificatesOnlySecret() {
        ObjectNode secret = JSON.createObjectNode().put("merchant_serial_no", TestKeys.MERCHANT_SERIAL_NO)
                .put("private_key", TestKeys.merchantPrivateKey()).put("platform_certificates", TestKeys.certificate());
        KeyMaterial material = KeyMaterial.fromSecret(secret.toString(), Config.secretOnly(), JSON);

        assertTrue(material.keys().holds(TestKeys.CERTIFICATE_SERIAL));
        assertFalse(material.keys().holds(TestKeys.PUBLIC_KEY_ID));
        assertEquals(PemKeys.certificates(TestKeys.certificate()).getFirst().getNotAfter().toInstant(), material.certificateExpiries().get("platform"));
    }

    @Test
    void aNewMerchantKeyDoesNotSignLikeTheOldOne() {
        ObjectNode old = secret().put("merchant_serial_no", TestKeys.MERCHANT_SERIAL_NO).put("private_key", TestKeys.merchantPrivateKey());
        old.remove("merchant_certificate");
        assertFalse(KeyMaterial.fromSecret(old.toString(), Config.secretOnly(), JSON).keys()
                .signsLike(KeyMaterial.fromSecret(secret().toString(), Config.secretOnly(), JSON).keys()));
    }

    @Test
    void pemSettingsNeedNoSecret() {
        KeyMaterial material = KeyMaterial.fromSettings(new Config(Optional.of(TestKeys.merchantPrivateKey()), Optional.of(TestKeys.platformPublicKey()),
                Optional.of(TestKeys.certificate()), Optional.empty()));
        assertTrue(material.keys().holds(TestKeys.PUBLIC_KEY_ID));
        assertTrue(material.keys().holds(TestKeys.CERTIFICATE_SERIAL));
    }

    /** A secret written by a tool that fills every field has platform_certificates null or "": none, not the text "null". */
    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \""})
    void readsAnEmptyPlatformCertificatesFieldAsNone(String value) throws Exception {
        ObjectNode secret = secret();
        secret.set("platform_certificates", JSON.readTree(value));
        assertFalse(KeyMaterial.fromSecret(secret.toString(), Config.secretOnly(), JSON).certificateExpiries().containsKey("platform"));
    }

    @Test
    void namesEachWrongPartOfASecret() {
        assertRefused(secret().put("platform_certificates", 1), "wechatpay.secret-id: the secret's platform_certificates must be text");
        ObjectNode noVerifier = secret();
        noVerifier.remove("public_keys");
        assertRefused(noVerifier, "wechatpay.secret-id: the secret has neither public_keys nor platform_certificates: nothing to verify answers with");
        ObjectNode noSerial = secret();
        noSerial.remove("merchant_serial_no");
        assertRefused(noSerial, "wechatpay.secret-id: the secret has no merchant_serial_no, and wechatpay.merchant-serial-no is not set");
        ObjectNode wrongId = secret();
        wrongId.with("public_keys").put("408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB", TestKeys.platformPublicKey());
        assertRefused(wrongId, "wechatpay.secret-id: the secret's public_keys must map each PUB_KEY_ID_… to its PEM text");
        assertRefused(secret().put("merchant_serial_no", TestKeys.MERCHANT_SERIAL_NO),
                "wechatpay.secret-id: the secret's merchant_certificate is not the certificate of merchant_serial_no");
        ObjectNode swapped = secret();
        swapped.with("public_keys").put(TestKeys.PUBLIC_KEY_ID_2, TestKeys.merchantPrivateKey2());
        assertRefused(swapped, "wechatpay.secret-id public_keys." + TestKeys.PUBLIC_KEY_ID_2 + ": expected a PUBLIC KEY block, found PRIVATE KEY");
    }

    @Test
    void refusesASecretThatIsNotJsonWithoutQuotingIt() {
        var failure = assertThrows(InvalidSettingException.class,
                () -> KeyMaterial.fromSecret("-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----", Config.secretOnly(), JSON));
        assertEquals("wechatpay.secret-id", failure.key());
        assertFalse(failure.toString().contains("MIIEvQ"));
    }

    @Test
    void namesTheSettingsAPemPairLacks() {
        var noPublic = assertThrows(InvalidSettingException.class, () -> KeyMaterial.fromSettings(
                new Config(Optional.of(TestKeys.merchantPrivateKey()), Optional.empty(), Optional.empty(), Optional.empty())));
        assertEquals("wechatpay.public-key: not set; set it (with wechatpay.public-key-id), wechatpay.platform-certificates, or both",
                noPublic.getMessage());
        var noSerial = assertThrows(InvalidSettingException.class, () -> KeyMaterial.fromSettings(new Config(Optional.of(TestKeys.merchantPrivateKey()),
                Optional.of(TestKeys.platformPublicKey()), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(TestKeys.PUBLIC_KEY_ID))));
        assertEquals("wechatpay.merchant-serial-no", noSerial.key());
    }

    private static void assertRefused(ObjectNode secret, String message) {
        var failure = assertThrows(InvalidSettingException.class, () -> KeyMaterial.fromSecret(secret.toString(), Config.secretOnly(), JSON));
        assertEquals(message, failure.getMessage());
        String keyLine = TestKeys.merchantPrivateKey2().lines().skip(1).findFirst().orElseThrow();
        assertFalse(failure.toString().contains(keyLine.substring(0, 20)), "no key material in the error");
    }
}
