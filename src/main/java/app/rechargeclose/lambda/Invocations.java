package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;

import com.amazonaws.services.lambda.runtime.Context;

import app.rechargeclose.recharge.Invocation;
import app.rechargeclose.recharge.Outcome;
import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.recharge.RechargeState;
import app.rechargeclose.wechatpay.WechatPayAnswer;

/** Lambda's view of an invocation, turned into what the close use case needs. */
final class Invocations {

    /** When Lambda gives no deadline (a test event without one): the longest a function may run. */
    private static final Duration LAMBDA_MAX_DURATION = Duration.ofMinutes(15);

    private Invocations() {
    }

    static Invocation of(String handler, Context context, Instant start) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        Duration left = remaining > 0 ? Duration.ofMillis(remaining) : LAMBDA_MAX_DURATION;
        return new Invocation(handler, context == null ? null : context.getAwsRequestId(), start.plus(left));
    }

    static Outcome outcomeOf(WechatPayAnswer<Recharge> answer) {
        return RechargeState.CLOSED.equals(answer.body().rechargeState())
                ? Outcome.closed(answer.requestId())
                : Outcome.notClosed(answer.body(), answer.requestId());
    }
}
