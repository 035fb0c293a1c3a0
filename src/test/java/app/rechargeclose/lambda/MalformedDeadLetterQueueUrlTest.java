package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A queue name where the URL belongs: no message is closed, every one is reported, none is lost. */
@QuarkusTest
@TestProfile(MalformedDeadLetterQueueUrlTest.QueueNameOnly.class)
@WithTestResource(SimulatorResource.class)
class MalformedDeadLetterQueueUrlTest {

    public static class QueueNameOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "sqs", "sqs.dead-letter-queue-url", "recharge-close-dlq");
        }
    }

    @Test
    void reportsTheWholeBatchWithoutClosingAnything() throws Exception {
        assertEquals(List.of("message-malformed1", "message-PAIDmalformed"),
                MockLambda.failedIds(Events.sqsBatch(List.of("malformed1", Scenario.PAID.outRechargeNo("malformed")))));
        assertTrue(SimulatorResource.simulator().calls().isEmpty());
    }
}
