package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.RunningFunction;

/**
 * The jvm package, {@code target/function-jvm.zip}, as the managed {@code java25} runtime runs it
 * (its runtime client loading Quarkus's own handler from the unzipped package), closes through https
 * for both handlers. The contract itself is the aot package's ITs' to check: the code is the same.
 */
class JvmPackageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = { "http", "sqs" })
    void closesThroughHttpsUnderTheManagedRuntime(String handler) throws Exception {
        // the deployed deadline: a cold JVM's first TLS call may take more than the tests' 1 s
        try (RunningFunction running = RunningFunction.start(handler, environment -> environment.put("WECHATPAY_TIMEOUT", "10s"),
                PackagedFunction::startManagedRuntime)) {
            String event = handler.equals("http") ? Events.closeEvent("jvmpackage").toString() : Events.sqsBatch(List.of("jvmpackage")).toString();
            LambdaRuntimeEmulator.Outcome outcome = running.runtime().invoke(event, Duration.ofSeconds(30));

            assertFalse(outcome.error(), outcome.body());
            JsonNode reply = JSON.readTree(outcome.body());
            if (handler.equals("http")) {
                assertEquals(200, reply.get("statusCode").asInt(), reply.toString());
            } else {
                assertEquals(0, reply.get("batchItemFailures").size(), reply.toString());
            }
            assertEquals(1, running.simulator().callsFor("jvmpackage").size());
            assertTrue(running.simulator().callsFor("jvmpackage").get(0).signatureValid());
        }
    }
}
