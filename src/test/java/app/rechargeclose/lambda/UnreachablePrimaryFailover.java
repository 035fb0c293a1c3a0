package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;

/**
 * A primary access point that cannot be reached is a connection failure, and the signed request
 * goes to the backup host, which closes the recharge: {@link FailoverTest} refuses connections,
 * {@link ConnectHangFailoverTest} and {@link HandshakeHangFailoverTest} swallow them (packets
 * dropped, a handshake never answered), which must fail once {@code wechatpay.connect-timeout}
 * passes rather than time out the whole attempt.
 */
abstract class UnreachablePrimaryFailover {

    /** Unique per subclass: each runs against a simulator of its own, but the names say which case a log line is from. */
    abstract String outRechargeNo();

    @Test
    void closesThroughTheBackupHost() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo()));

        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(1, SimulatorResource.simulator().callsFor(outRechargeNo()).size(), "the second attempt, on the backup host");
        assertTrue(SimulatorResource.simulator().callsFor(outRechargeNo()).get(0).signatureValid());
    }
}
