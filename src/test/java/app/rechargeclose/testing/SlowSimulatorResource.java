package app.rechargeclose.testing;

import java.time.Duration;

/** The simulator taking 300 ms for every answer, as a distant WeChat Pay might. */
public class SlowSimulatorResource extends SimulatorResource {

    @Override
    protected Duration latency() {
        return Duration.ofMillis(300);
    }
}
