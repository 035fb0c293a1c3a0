package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

import com.fasterxml.jackson.databind.ObjectMapper;

class KeyMaterialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecretSource NEVER = id -> {
        throw new AssertionError("the secret must not be read");
    };

    record Config(Optional<String> privateKey, Optional<String> publicKey, Optional<String> platformCertificates, Optional<String> secretId)
            implements WechatPayConfig {
        public String mchid() {
            return "1900007291";
        }

        public String merchantSerialNo() {
            return "408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB";
        }

        public String publicKeyId() {
            return "PUB_KEY_ID_0114232134912410000000000000000000";
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

        public Retry retry() {
            throw new UnsupportedOperationException("key material needs no retry settings");
        }
    }

    @Test
    void pemSettingsTakePrecedenceOverTheSecret() {
        KeyMaterial keys = KeyMaterial.resolve(new Config(Optional.of("private"), Optional.of("public"), Optional.empty(), Optional.of("arn")),
                NEVER, JSON);
        assertEquals("private", keys.privateKey());
        assertEquals("wechatpay.private-key", keys.source().privateKey());
    }

    @Test
    void readsKeysAndCertificatesFromTheSecret() {
        KeyMaterial keys = KeyMaterial.resolve(new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn:secret")),
                id -> "{\"private_key\": \"p\", \"public_key\": \"q\", \"platform_certificates\": \"c\"}", JSON);
        assertEquals("p", keys.privateKey());
        assertEquals("q", keys.publicKey());
        assertEquals(Optional.of("c"), keys.platformCertificates());
        assertEquals("wechatpay.secret-id private_key", keys.source().privateKey());
    }

    /** A secret written by a tool that fills every field has platform_certificates null or "": none, not the text "null". */
    @ParameterizedTest
    @ValueSource(strings = {"null", "\"\"", "\"  \""})
    void readsAnEmptyPlatformCertificatesFieldAsNone(String value) {
        assertEquals(Optional.empty(), withPlatformCertificates(value).platformCertificates());
    }

    @Test
    void namesAPlatformCertificatesFieldThatIsNoText() {
        var failure = assertThrows(InvalidSettingException.class, () -> withPlatformCertificates("[1]"));
        assertEquals("wechatpay.secret-id: the secret's platform_certificates must be PEM text", failure.getMessage());
    }

    /** The keys of a secret whose platform_certificates is {@code json}. */
    private static KeyMaterial withPlatformCertificates(String json) {
        return KeyMaterial.resolve(new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn:secret")),
                id -> "{\"private_key\": \"p\", \"public_key\": \"q\", \"platform_certificates\": " + json + "}", JSON);
    }

    @Test
    void namesTheMissingHalfOfAPemPair() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> KeyMaterial.resolve(new Config(Optional.of("private"), Optional.empty(), Optional.empty(), Optional.empty()), NEVER, JSON));
        assertEquals("wechatpay.public-key: not set; it is required when wechatpay.private-key is set", failure.getMessage());
    }

    @Test
    void namesBothWaysWhenNoKeyIsConfigured() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> KeyMaterial.resolve(new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), NEVER, JSON));
        assertEquals("wechatpay.private-key: not set; set wechatpay.private-key and wechatpay.public-key, or wechatpay.secret-id",
                failure.getMessage());
    }

    @Test
    void refusesASecretThatIsNotJsonWithoutQuotingIt() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> KeyMaterial.resolve(new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn")),
                        id -> "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----", JSON));
        assertEquals("wechatpay.secret-id: the secret is not a JSON object with private_key and public_key", failure.getMessage());
        assertFalse(failure.toString().contains("MIIEvQ"));
    }

    @Test
    void namesTheFieldASecretLacks() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> KeyMaterial.resolve(new Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn")),
                        id -> "{\"private_key\": \"p\"}", JSON));
        assertEquals("wechatpay.secret-id: the secret has no public_key text", failure.getMessage());
    }
}
