package app.rechargeclose.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.RunningFunction;

/**
 * One training run of the aot package: its {@code bootstrap}, started with {@code AOT_CACHE_TRAINING}
 * set (the JVM then writes {@code aot/<handler>.aot} as it exits), answers real events of one
 * handler — closes, then the error paths of the HTTP and SQS contracts — against an https WeChat Pay
 * simulator, so the cache holds the classes and the profiles of what a deployed function runs,
 * TLS included. Then it is stopped as Lambda stops it, with SIGTERM.
 */
final class AotTraining {

    /** Closes of the first kind: enough for the JIT's profiles of the request path, which the cache keeps. */
    private static final int CLOSES = 40;
    /** Each an answer of the HTTP contract: errors, retries, the query after doubt, schema drift. */
    private static final List<Scenario> SCENARIOS = List.of(Scenario.E400, Scenario.E401, Scenario.E403, Scenario.E404, Scenario.E429,
            Scenario.E500, Scenario.HTML, Scenario.SEED, Scenario.NEWENUM, Scenario.QR, Scenario.PAID, Scenario.RECHARGING, Scenario.BADSIG,
            Scenario.PROBE, Scenario.NOSIG, Scenario.CLOSEDBEFORE);
    /** No valid command: refused before WeChat Pay is called. */
    private static final String INVALID_OUT_RECHARGE_NO = "bad-no!";
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CACHE_WRITTEN_WITHIN = Duration.ofMinutes(5);

    private AotTraining() {
    }

    static void train(Path task, String handler, Path log) throws Exception {
        try (RunningFunction running = RunningFunction.start(handler, environment -> environment.put("AOT_CACHE_TRAINING", "true"),
                (runtime, environment) -> PackagedFunction.start(runtime, PackagedFunction.bootstrapCommand(task), environment, task))) {
            PackagedFunction function = running.function();
            try {
                for (String event : "http".equals(handler) ? httpEvents() : sqsEvents()) {
                    LambdaRuntimeEmulator.Outcome outcome = running.runtime().invoke(event, INVOCATION_TIMEOUT);
                    if (outcome.error()) {
                        throw new IllegalStateException("the training run's function failed an invocation: " + outcome.body());
                    }
                }
            } finally {
                function.close(); // SIGTERM, as Lambda ends an environment: the JVM writes the cache on its way out
                Integer exit = function.exitCodeWithin(CACHE_WRITTEN_WITHIN);
                Files.writeString(log, function.log());
                Path cache = task.resolve("aot").resolve(handler + ".aot");
                if (exit == null || !Files.exists(cache)) {
                    throw new IllegalStateException("the " + handler + " training run wrote no AOT cache (exit " + exit + "); its log: " + log);
                }
            }
        }
    }

    private static List<String> httpEvents() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < CLOSES; i++) {
            events.add(Events.closeEvent("train" + i).toString());
        }
        trainingOutRechargeNos().forEach(outRechargeNo -> events.add(Events.closeEvent(outRechargeNo).toString()));
        events.add(Events.sample("http-close-json-body.json").toString());
        events.add(Events.fixture("http-default-route-unknown-path.json").toString());
        return events;
    }

    private static List<String> sqsEvents() {
        List<String> events = new ArrayList<>();
        for (int batch = 0; batch < CLOSES / 10; batch++) {
            List<String> outRechargeNos = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                outRechargeNos.add("train" + batch + "x" + i);
            }
            events.add(Events.sqsBatch(outRechargeNos).toString());
        }
        events.add(Events.sqsBatch(trainingOutRechargeNos()).toString());
        events.add(Events.fixture("sqs-mixed-batch.json").toString());
        events.add(Events.fixture("sqs-fifo-batch.json").toString());
        return events;
    }

    private static List<String> trainingOutRechargeNos() {
        List<String> outRechargeNos = new ArrayList<>(SCENARIOS.stream().map(scenario -> scenario.outRechargeNo("train")).toList());
        outRechargeNos.add(INVALID_OUT_RECHARGE_NO);
        return outRechargeNos;
    }
}
