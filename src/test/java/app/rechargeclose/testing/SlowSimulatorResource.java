package app.rechargeclose.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator taking 300 ms for every answer, as a distant WeChat Pay might; the function waits up
 * to 5 s per attempt, so that a slow machine does not turn a slow answer into a timeout and a retry.
 */
public class SlowSimulatorResource extends SimulatorResource {

    @Override
    protected Duration latency() {
        return Duration.ofMillis(300);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("wechatpay.timeout", "5s");
        return config;
    }
}
