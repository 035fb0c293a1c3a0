package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import app.rechargeclose.testing.TestKeys;
import app.rechargeclose.wechatpay.KeyringEvents;

/** A key that cannot be parsed is reported as the setting, or the secret's field, it came from. */
class WechatPaySetupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WechatPaySetup setup = new WechatPaySetup();
    private static final KeyringEvents NO_EVENTS = new KeyringEvents() {
        @Override
        public void read(Map<String, Instant> certificateExpiries) {
        }

        @Override
        public void readFailed() {
        }
    };

    @Test
    void namesTheSettingOfAMalformedPrivateKey() {
        var config = new KeyMaterialTest.Config(Optional.of("not a key at all"), Optional.of(TestKeys.platformPublicKey()), Optional.empty(),
                Optional.empty());
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> setup.keyring(config, () -> null, JSON, NO_EVENTS));
        assertEquals("wechatpay.private-key", failure.key());
        assertEquals("wechatpay.private-key: expected exactly one PEM block, found 0", failure.getMessage());
    }

    @Test
    void namesTheSecretFieldOfAPrivateKeyGivenAsThePublicKeyWithoutLeakingIt() {
        String secret = JsonNodeFactory.instance.objectNode().put("private_key", TestKeys.merchantPrivateKey())
                .put("public_key", TestKeys.merchantPrivateKey()).toString();
        var config = new KeyMaterialTest.Config(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("arn:secret"));
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> setup.keyring(config, () -> id -> secret, JSON, NO_EVENTS));
        assertEquals("wechatpay.secret-id public_key: expected a PUBLIC KEY block, found PRIVATE KEY", failure.getMessage());
        String keyLine = TestKeys.merchantPrivateKey().lines().skip(1).findFirst().orElseThrow();
        assertFalse(failure.toString().contains(keyLine.substring(0, 20)));
    }

    @Test
    void namesTheSettingOfAMalformedPlatformCertificateBundle() {
        var config = new KeyMaterialTest.Config(Optional.of(TestKeys.merchantPrivateKey()), Optional.of(TestKeys.platformPublicKey()),
                Optional.of("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"), Optional.empty());
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> setup.keyring(config, () -> null, JSON, NO_EVENTS));
        assertEquals("wechatpay.platform-certificates: expected CERTIFICATE blocks, found PUBLIC KEY", failure.getMessage());
    }
}
