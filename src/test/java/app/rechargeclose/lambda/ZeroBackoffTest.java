package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Full jitter sometimes draws a wait of zero; with no backoff at all it always does, and retries must still run. */
@QuarkusTest
@TestProfile(ZeroBackoffTest.NoBackoff.class)
@WithTestResource(SimulatorResource.class)
class ZeroBackoffTest {

    public static class NoBackoff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "http", "wechatpay.retry.initial-backoff", "0ms");
        }
    }

    @Test
    void retriesWithoutWaiting() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.FLAKY.outRechargeNo("1")));

        assertEquals(200, reply.status(), reply.rawBody());
        assertEquals(3, SimulatorResource.simulator().callsFor(Scenario.FLAKY.outRechargeNo("1")).size(), "two 500s, then the close");
    }
}
