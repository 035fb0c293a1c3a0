package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checks of settings: each refusal is an {@link InvalidSettingException} whose message starts with the key. */
class SettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://sqs.ap-east-1.amazonaws.com/123456789012/recharge-close-dlq",
        "https://sqs.ap-east-1.amazonaws.com/123456789012/recharge-close-dlq.fifo", "http://127.0.0.1:4566/000000000000/dlq"})
    void acceptsAQueueUrl(String url) {
        assertEquals(url, Settings.requireQueueUrl(url, "sqs.dead-letter-queue-url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"recharge-close-dlq", "arn:aws:sqs:ap-east-1:123456789012:recharge-close-dlq",
        "https://sqs.ap-east-1.amazonaws.com/recharge-close-dlq", "ftp://sqs.ap-east-1.amazonaws.com/123456789012/dlq", "https://sqs x/1/2"})
    void refusesAnythingElseNamingTheKey(String url) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> Settings.requireQueueUrl(url, "sqs.dead-letter-queue-url"));
        assertTrue(refused.getMessage().startsWith("sqs.dead-letter-queue-url: "), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.mch.weixin.qq.com", "http://localhost:8089", "http://127.0.0.1:8089", "http://[::1]:8089"})
    void acceptsHttpsAndPlainHttpOnLoopback(String url) {
        assertEquals(URI.create(url), Settings.requireWechatPayUrl(URI.create(url), "wechatpay.base-url"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.mch.weixin.qq.com", "http://10.0.0.1:8089", "api.mch.weixin.qq.com", "ftp://api.mch.weixin.qq.com"})
    void refusesAWechatPayUrlThatIsNotHttpsOrLoopback(String url) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> Settings.requireWechatPayUrl(URI.create(url), "wechatpay.base-url"));
        assertEquals("wechatpay.base-url", refused.key());
        assertTrue(refused.getMessage().startsWith("wechatpay.base-url: must"), refused.getMessage());
    }

    /** A certificate serial where the public key id belongs is the classic mix-up: it would be sent as Wechatpay-Serial on every call. */
    @ParameterizedTest
    @ValueSource(strings = {"408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB", "pub_key_id_0114", "KEY_ID_0114"})
    void refusesAPublicKeyIdWithoutItsPrefix(String id) {
        var failure = assertThrows(InvalidSettingException.class, () -> Settings.requirePublicKeyId(id, "wechatpay.public-key-id"));
        assertEquals("wechatpay.public-key-id: must be the WeChat Pay public key id, which starts with PUB_KEY_ID_", failure.getMessage());
    }
}
