package app.rechargeclose.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.SimulatorResource;
import io.vertx.core.Vertx;

/**
 * Writes the class preloader's list: the library classes the packaged function loads from its start
 * to its first answer, with each handler (http, sqs), first loaded first. A training run is the
 * packaged function started as AWS starts it, with Quarkus's own handler (so the current list does
 * not train itself), the deployed JVM options and {@code -Xlog:class+load}.
 *
 * <p>Run it with {@code bench/train-preload} after a dependency changes.
 */
public final class PreloadListTrainer {

    static final Path LIST = Path.of("src", "main", "resources", "app", "rechargeclose", "lambda", "preload-classes.txt");
    /** One line of {@code -Xlog:class+load} with the uptime decoration: {@code [0.812s] a.B source: file:/…/lib/x.jar}. */
    private static final Pattern LOADED = Pattern.compile("^\\[(\\d+\\.\\d+)s\\] (\\S+) source: (.+)$");

    private PreloadListTrainer() {
    }

    public static void main(String[] args) throws Exception {
        String jvmOptions = Benchmark.deployedJvmOptions();
        Path taskRoot = Benchmark.functionTaskRoot();
        Map<String, Double> firstLoaded = new HashMap<>();
        Vertx vertx = Vertx.vertx();
        try (WeChatPaySimulator simulator = SimulatorResource.startSimulator(vertx, Duration.ZERO)) {
            for (String handler : List.of("http", "sqs")) {
                train(handler, taskRoot, simulator, jvmOptions).forEach((name, at) -> firstLoaded.merge(name, at, Math::min));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        List<String> lines = new ArrayList<>(List.of(
                "# Written by bench/train-preload; do not edit. The library classes the packaged function loads",
                "# from its start to its first answer (http and sqs), first loaded first: ClassPreloader loads them",
                "# on a second thread while Quarkus starts. Rerun after a dependency changes."));
        firstLoaded.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).forEach(lines::add);
        Files.createDirectories(LIST.getParent());
        Files.write(LIST, lines);
        System.out.printf("%d classes written to %s%n", firstLoaded.size(), LIST);
    }

    /** @return when (seconds of uptime) each library class was first loaded, up to the first answer */
    private static Map<String, Double> train(String handler, Path taskRoot, WeChatPaySimulator simulator, String jvmOptions) throws Exception {
        Path log = Files.createTempFile("class-load", ".log");
        try {
            Map<String, String> environment = new HashMap<>(PackagedFunction.environmentFor(handler, simulator.port()));
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions + " -Xlog:class+load:file=" + log + ":uptime");
            List<String> command = PackagedFunction.managedRuntimeCommand(Benchmark.RIC, PackagedFunction.QUARKUS_HANDLER);
            List<String> untilAnswered;
            try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator();
                    PackagedFunction function = PackagedFunction.start(runtime, command, environment, taskRoot)) {
                runtime.firstPoll().get(Benchmark.INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Benchmark.invoke(runtime, handler.equals("http") ? Events.closeEvent("train1").toString()
                        : Events.sqsBatch(List.of("train1", "train2")).toString());
                // Read before the process is stopped: what its shutdown loads is no part of a start.
                untilAnswered = Files.readAllLines(log);
            }
            return firstLoaded(untilAnswered, "file:" + taskRoot.resolve("lib") + "/");
        } finally {
            Files.delete(log);
        }
    }

    /**
     * Classes from the libraries, the package's {@code lib/} jars: not our own or Quarkus's generated
     * ones (at the package's root, preloaded by Quarkus), not the runtime client's, not the JDK's
     * (which differ between the JDK here and Lambda's).
     */
    private static Map<String, Double> firstLoaded(List<String> log, String libraries) {
        Map<String, Double> loaded = new HashMap<>();
        for (String line : log) {
            Matcher matcher = LOADED.matcher(line);
            if (matcher.matches() && matcher.group(3).startsWith(libraries)) {
                loaded.putIfAbsent(matcher.group(2), Double.parseDouble(matcher.group(1)));
            }
        }
        return loaded;
    }
}
