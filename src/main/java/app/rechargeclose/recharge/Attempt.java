package app.rechargeclose.recharge;

import java.time.Duration;
import java.util.Optional;

import app.rechargeclose.wechatpay.Host;
import app.rechargeclose.wechatpay.Operation;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * One upstream attempt of a close, as the use case tells its caller about it (the edges write it
 * as a telemetry line).
 *
 * @param number    1 for the first attempt of its operation
 * @param failure   why no trusted answer came, a {@link WechatPayException} unless it is a bug of
 *                  ours; empty when a verified answer about our recharge came
 * @param requestId WeChat Pay's {@code Request-ID}, when it sent one
 */
public record Attempt(CloseCommand command, Operation operation, int number, Host host, Duration duration, Optional<Throwable> failure,
        Optional<String> requestId) {

    /** Told of every attempt, on whatever thread it ended on. */
    @FunctionalInterface
    public interface Listener {
        void attempted(Attempt attempt);
    }
}
