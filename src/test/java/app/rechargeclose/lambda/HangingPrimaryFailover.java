package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.SimulatorResource;

/**
 * A primary access point that swallows connections (packets dropped, a handshake never answered)
 * is a connection failure once {@code wechatpay.connect-timeout} passes, not a timeout of the whole
 * attempt: the signed request goes to the backup host, which closes the recharge.
 * {@link ConnectHangFailoverTest} and {@link HandshakeHangFailoverTest} hang the primary each way.
 */
abstract class HangingPrimaryFailover {

    /** Unique per subclass: both run against simulators of their own, but the names say which case a log line is from. */
    abstract String outRechargeNo();

    @Test
    void closesThroughTheBackupHost() throws Exception {
        HttpHandlerTest.Reply reply = HttpHandlerTest.invoke(Events.closeEvent(outRechargeNo()));

        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(1, SimulatorResource.simulator().callsFor(outRechargeNo()).size(), "the second attempt, on the backup host");
        assertTrue(SimulatorResource.simulator().callsFor(outRechargeNo()).get(0).signatureValid());
    }
}
