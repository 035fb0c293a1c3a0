package app.rechargeclose.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.MotoServer;

/** Reading the key secret through the AWS SDK against moto_server's Secrets Manager. */
class SecretsManagerSourceTest {

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
        moto.sdkSystemProperties().forEach(System::setProperty);
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.sdkSystemProperties().keySet().forEach(System::clearProperty);
        moto.close();
    }

    @Test
    void readsTheSecretText() {
        String arn;
        try (var client = moto.secretsManager()) {
            arn = client.createSecret(request -> request.name("recharge-close/source-test").secretString("{\"private_key\":\"x\"}")).arn();
        }
        assertEquals("{\"private_key\":\"x\"}", new SecretsManagerSource().secretString(arn));
        assertEquals("{\"private_key\":\"x\"}", new SecretsManagerSource().secretString("recharge-close/source-test"));
    }

    @Test
    void namesTheSettingAndTheAwsErrorWhenTheSecretIsMissing() {
        InvalidSettingException failure = assertThrows(InvalidSettingException.class, () -> new SecretsManagerSource().secretString("no-such-secret"));
        assertTrue(failure.getMessage().startsWith("wechatpay.secret-id: AWS Secrets Manager refused to read no-such-secret: ResourceNotFoundException"),
                failure.getMessage());
    }

    @Test
    void namesTheSettingOfARefusalWithoutAwsErrorDetails() {
        var bare = software.amazon.awssdk.awscore.exception.AwsServiceException.builder().statusCode(502).message("Bad Gateway").build();
        InvalidSettingException failure = SecretsManagerSource.refused("recharge-close/wechatpay", bare);
        assertEquals("wechatpay.secret-id", failure.key());
        assertEquals("wechatpay.secret-id: AWS Secrets Manager refused to read recharge-close/wechatpay: no error code (HTTP 502)", failure.getMessage());
    }
}
