package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.FailoverResource;
import app.rechargeclose.testing.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A connection failure sends the next attempt to the backup access point; a 5xx does not move it. */
@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(FailoverResource.class)
class FailoverTest {

    @Test
    void closesThroughTheBackupHostWhenThePrimaryCannotBeReached() throws Exception {
        HttpHandlerTest.Reply reply = HttpHandlerTest.invoke(Events.closeEvent("failover1"));

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(1, SimulatorResource.simulator().callsFor("failover1").size(), "the second attempt, on the backup host");
        assertTrue(SimulatorResource.simulator().callsFor("failover1").get(0).signatureValid());
    }

    @Test
    void staysOnTheBackupHostAfterItAnswers5xx() throws Exception {
        HttpHandlerTest.Reply reply = HttpHandlerTest.invoke(Events.closeEvent("E500failover"));

        assertEquals(502, reply.status());
        assertEquals(2, SimulatorResource.simulator().callsFor("E500failover").size(), "attempts 2 and 3, both on the backup host");
    }
}
