package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import app.rechargeclose.testing.SlowSimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A standard-queue batch is closed concurrently, never more at once than sqs.max-concurrency (4 here). */
@QuarkusTest
@TestProfile(ConcurrentBatchProfile.class)
@WithTestResource(SlowSimulatorResource.class)
class ConcurrentBatchTest {

    @Test
    void closesABatchConcurrentlyWithinTheBound() {
        ObjectNode event = Events.fixture("sqs-mixed-batch.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        for (int i = 0; i < records.size(); i++) {
            ((ObjectNode) records.get(i)).put("body", "{\"out_recharge_no\": \"concurrent" + i + "\", \"sub_mchid\": \"1900001121\"}");
        }

        String raw = MockLambda.post(event);

        assertEquals("{\"batchItemFailures\":[]}", raw.replace(" ", ""));
        assertEquals(10, SimulatorResource.simulator().calls().size());
        assertEquals(4, SimulatorResource.simulator().maxInFlight());
    }
}
