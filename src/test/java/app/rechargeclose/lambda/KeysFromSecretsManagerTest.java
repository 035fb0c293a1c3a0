package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SecretsManagerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Deployed setup: keys from Secrets Manager (moto_server), then a full signed and verified close. */
@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(SecretsManagerResource.class)
class KeysFromSecretsManagerTest {

    @Test
    void signsAndVerifiesWithKeysFromTheSecret() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent("secret1"));
        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
    }

    @Test
    void trustsThePlatformCertificateFromTheSecret() throws Exception {
        assertEquals(200, MockLambda.http(Events.closeEvent(Scenario.CERT.outRechargeNo("secret"))).status());
    }
}
