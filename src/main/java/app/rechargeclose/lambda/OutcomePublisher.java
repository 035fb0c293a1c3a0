package app.rechargeclose.lambda;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import app.rechargeclose.events.CloseEvent;
import app.rechargeclose.events.CloseEvents;
import app.rechargeclose.telemetry.LogContext;
import app.rechargeclose.telemetry.Telemetry;
import io.smallrye.mutiny.Uni;

/**
 * Puts a close's outcome on the bus within the invocation's deadline, and says so when it could
 * not: an ERROR line and the {@code OutcomeEventFailures} metric. What a failure means is the
 * edge's to decide (an HTTP answer stands; a queued close comes back).
 */
@Singleton
public class OutcomePublisher {

    private static final Logger LOG = Logger.getLogger(OutcomePublisher.class);

    private final CloseEvents events;
    private final Telemetry telemetry;

    public OutcomePublisher(CloseEvents events, Telemetry telemetry) {
        this.events = events;
        this.telemetry = telemetry;
    }

    /** @return whether the bus took the event: true at once when this deployment puts none */
    Uni<Boolean> publish(CloseEvent event, Invocation invocation) {
        if (!events.isEnabled()) {
            return Uni.createFrom().item(true);
        }
        Uni<Void> put = invocation.timeForCall().map(left -> events.put(event).ifNoItem().after(left).fail())
                .orElseGet(() -> Uni.createFrom().failure(new IllegalStateException("no time left")));
        return put.replaceWith(true).onFailure().recoverWithItem(failure -> {
            LogContext.with(invocation.lambdaRequestId(), event.outRechargeNo(), event.wechatpayRequestId().orElse(null), () -> LOG.errorf(
                    "the %s event of recharge %s could not be put on the bus (%s)", event.outcome(), event.outRechargeNo(),
                    failure.getClass().getSimpleName()));
            telemetry.outcomeEventFailed(event.handler());
            return false;
        });
    }
}
