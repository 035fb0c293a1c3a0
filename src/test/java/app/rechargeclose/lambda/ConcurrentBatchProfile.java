package app.rechargeclose.lambda;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

public class ConcurrentBatchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "sqs", "sqs.max-concurrency", "4");
    }
}
