package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import app.rechargeclose.testing.UnreachablePrimaryResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A refused connection sends the next attempt to the backup access point; a 5xx does not move it. */
@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(UnreachablePrimaryResource.class)
class FailoverTest extends UnreachablePrimaryFailover {

    @Override
    String outRechargeNo() {
        return "failover1";
    }

    @Test
    void staysOnTheBackupHostAfterItAnswers5xx() throws Exception {
        String outRechargeNo = Scenario.E500.outRechargeNo("failover");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(502, reply.status());
        assertEquals(2, SimulatorResource.simulator().callsFor(outRechargeNo).size(), "attempts 2 and 3, both on the backup host");
    }
}
