package app.rechargeclose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.SimulatorResource;
import io.vertx.core.Vertx;

/**
 * Runs the packaged function the way AWS does (AWS's runtime interface client against a Lambda
 * Runtime API emulator on loopback, a signing WeChat Pay simulator on loopback) next to a baseline
 * — a plain handler on the official wechatpay-java SDK — and prints medians over several runs:
 * start to ready-for-first-event, start to first response, warm latency, a batch of 10 at 300 ms
 * upstream latency, and peak RSS. Both run with exactly the JVM options the Terraform sets.
 *
 * <p>Run it with {@code bench/run [runs]} from the repository root.
 */
public final class Benchmark {

    static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(60);
    /** AWS's runtime interface client and aws-lambda-java-core: what the {@code java21} runtime has on its class path. */
    static final Path RIC = Path.of("target", "ric").toAbsolutePath();
    /** Invocations 2–31: warm, while the JIT is still compiling the code a request runs. */
    private static final int WARMING_INVOCATIONS = 30;
    /** Then invocations up to 200 unmeasured (by 200 calls a method called once per request is compiled), then 100 measured. */
    private static final int STEADY_AFTER = 200;
    private static final int STEADY_INVOCATIONS = 100;
    private static final Duration BATCH_UPSTREAM_LATENCY = Duration.ofMillis(300);
    private static final String FUNCTION_HANDLER = PackagedFunction.HANDLER;
    private static final String APPCDS_VARIANT = "function http + AppCDS archive";

    /** One way of running a handler: its package (unzipped), its environment and the kind of event it takes. */
    private record Variant(String name, String handler, Path taskRoot, Map<String, String> environment, boolean sqs) {
    }

    /** The figures of one run; NaN where a figure does not apply. */
    private record Run(double readyMs, double firstResponseMs, double warmingMs, double steadyMs, double batchMs, double peakRssMb) {
    }

    private final WeChatPaySimulator simulator;
    private final String jvmOptions;
    private int sequence;

    private Benchmark(WeChatPaySimulator simulator, String jvmOptions) {
        this.simulator = simulator;
        this.jvmOptions = jvmOptions;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        String jvmOptions = deployedJvmOptions();
        Vertx vertx = Vertx.vertx();
        try (WeChatPaySimulator simulator = SimulatorResource.startSimulator(vertx, Duration.ZERO); MotoServer moto = MotoServer.start()) {
            new Benchmark(simulator, jvmOptions).run(runs, only, moto);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** @param only when not empty, just the variants of these names, separated by {@code ;} */
    private void run(int runs, String only, MotoServer moto) throws Exception {
        Path function = functionTaskRoot();
        Path baseline = baselineTaskRoot();
        Map<String, String> options = Map.of("JAVA_TOOL_OPTIONS", jvmOptions);

        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("function http", FUNCTION_HANDLER, function, env("http", options), false),
                // Next to the deployed handler, so that both see the machine alike.
                new Variant("function http, Quarkus's own handler (the runtime's class loader, no preloader)", PackagedFunction.QUARKUS_HANDLER,
                        function, env("http", options), false),
                new Variant("function http, libraries compressed (as Quarkus packs them)", FUNCTION_HANDLER, compressedLibrariesTaskRoot(),
                        env("http", options), false),
                new Variant("baseline http", "baseline.CloseRechargeHttpHandler::handleRequest", baseline, env("http", options), false),
                new Variant("function sqs", FUNCTION_HANDLER, function, env("sqs", options), true),
                new Variant("baseline sqs", "baseline.CloseRechargeSqsHandler::handleRequest", baseline, env("sqs", options), true)));
        variants.add(new Variant("function http, JVM defaults (no JAVA_TOOL_OPTIONS)", FUNCTION_HANDLER, function, env("http", Map.of()), false));
        Predicate<String> selected = name -> only.isEmpty() || List.of(only.split(";")).contains(name);
        if (selected.test(APPCDS_VARIANT)) { // its training run is slow: only when asked for
            appCds(function).ifPresent(variants::add);
        }
        variants.add(new Variant("function http, keys from Secrets Manager", FUNCTION_HANDLER, function, secretsEnvironment(moto, options), false));

        variants.removeIf(variant -> !selected.test(variant.name()));
        if (!variants.isEmpty()) {
            // Unmeasured: the simulator and the emulator run in this JVM, and their first answers would
            // otherwise be slow for whichever variant comes first.
            measure(variants.get(0));
        }
        // Round robin, so that a machine that slows down for a while slows every variant alike.
        Map<String, List<Run>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
                Run run = measure(variant);
                samples.computeIfAbsent(variant.name(), name -> new ArrayList<>()).add(run);
                System.err.printf(Locale.ROOT, "run %d, %s: %s%n", i + 1, variant.name(), run);
            }
        }
        Map<String, Run> medians = new LinkedHashMap<>();
        samples.forEach((name, runsOfVariant) -> medians.put(name, medianRun(runsOfVariant)));
        print(runs, medians);
    }

    private Run measure(Variant variant) throws Exception {
        try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator()) {
            long start = System.nanoTime();
            try (PackagedFunction function = PackagedFunction.start(runtime, PackagedFunction.managedRuntimeCommand(RIC, variant.handler()),
                    variant.environment(), variant.taskRoot())) {
                runtime.firstPoll().get(INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double ready = millisSince(start);
                invoke(runtime, event(variant, 1));
                double firstResponse = millisSince(start);
                double warming = medianLatency(runtime, variant, WARMING_INVOCATIONS);
                double batch = Double.NaN;
                if (variant.sqs()) {
                    simulator.setLatency(BATCH_UPSTREAM_LATENCY);
                    long before = System.nanoTime();
                    invoke(runtime, event(variant, 10));
                    batch = millisSince(before);
                    simulator.setLatency(Duration.ZERO);
                }
                // Peak RSS before the long steady phase: from there on the heap's growth follows this machine's
                // GC sizing (a quarter of 24 GiB), not the function's; in Lambda the memory setting caps it.
                double peakRss = peakRssMb(function.pid());
                medianLatency(runtime, variant, STEADY_AFTER - 1 - WARMING_INVOCATIONS - (variant.sqs() ? 1 : 0)); // the batch was a call
                double steady = medianLatency(runtime, variant, STEADY_INVOCATIONS);
                return new Run(ready, firstResponse, warming, steady, batch, peakRss);
            }
        }
    }

    /** @return the median latency of {@code invocations} closes one after another, each from enqueuing the event to the answer */
    private double medianLatency(LambdaRuntimeEmulator runtime, Variant variant, int invocations) throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            long before = System.nanoTime();
            invoke(runtime, event(variant, 1));
            latencies.add(millisSince(before));
        }
        return median(latencies);
    }

    /** A training run writes the class list of a real start and invocation; the variant starts from that archive. */
    private Optional<Variant> appCds(Path function) throws Exception {
        Path archive = Path.of("target", "bench", "appcds.jsa").toAbsolutePath();
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        Variant training = new Variant("training", FUNCTION_HANDLER, function,
                env("http", Map.of("JAVA_TOOL_OPTIONS", jvmOptions + " -XX:ArchiveClassesAtExit=" + archive)), false);
        measure(training);
        for (int i = 0; i < 50 && !Files.exists(archive); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(archive)) {
            System.err.println("AppCDS: the training run wrote no archive; skipped");
            return Optional.empty();
        }
        return Optional.of(new Variant(APPCDS_VARIANT, FUNCTION_HANDLER, function,
                env("http", Map.of("JAVA_TOOL_OPTIONS", jvmOptions + " -XX:SharedArchiveFile=" + archive)), false));
    }

    private Map<String, String> env(String handler, Map<String, String> jvm) {
        Map<String, String> environment = new HashMap<>(PackagedFunction.environmentFor(handler, simulator.port()));
        environment.putAll(jvm);
        return environment;
    }

    private Map<String, String> secretsEnvironment(MotoServer moto, Map<String, String> jvm) throws IOException {
        Map<String, String> environment = env("http", jvm);
        moto.useKeySecret(environment, moto.createKeySecret("recharge-close/bench"));
        return environment;
    }

    private String event(Variant variant, int messages) {
        if (!variant.sqs()) {
            return Events.closeEvent("bench" + ++sequence).toString();
        }
        List<String> outRechargeNos = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            outRechargeNos.add("bench" + ++sequence);
        }
        return Events.sqsBatch(outRechargeNos).toString();
    }

    /** Invokes the function once; fails unless the close succeeded. */
    static void invoke(LambdaRuntimeEmulator runtime, String event) throws Exception {
        LambdaRuntimeEmulator.Outcome outcome = runtime.invoke(event, INVOCATION_TIMEOUT);
        if (outcome.error() || outcome.body().contains("\"statusCode\":5") || outcome.body().contains("itemIdentifier")) {
            throw new IllegalStateException("the benchmark's close did not succeed: " + outcome.body());
        }
    }

    private static double peakRssMb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToDouble(line -> Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst().orElse(Double.NaN);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** The single line of {@code JAVA_TOOL_OPTIONS} the Terraform deploys. */
    static String deployedJvmOptions() throws IOException {
        return Files.readString(Path.of("infra", "jvm-options.txt")).trim();
    }

    /** The function's package, {@code target/function.zip}, unzipped as Lambda unzips it into {@code /var/task}. */
    static Path functionTaskRoot() throws IOException {
        return PackagedFunction.unzip(Path.of("target", "function.zip"), Path.of("target", "bench", "task", "function"));
    }

    /** The function's package as Quarkus writes it, before its libraries are stored uncompressed: {@code target/lib}'s jars in {@code lib/}. */
    private static Path compressedLibrariesTaskRoot() throws IOException {
        Path root = PackagedFunction.unzip(Path.of("target", "function.zip"), Path.of("target", "bench", "task", "function-compressed-libraries"));
        copyFiles(Path.of("target", "lib"), root.resolve("lib")); // the same jars, by the same names
        return root;
    }

    /** The baseline as a .zip package of a plain Java handler holds it: its jar and its libraries in {@code lib/}. */
    private static Path baselineTaskRoot() throws IOException {
        Path lib = Files.createDirectories(PackagedFunction.freshDirectory(Path.of("target", "bench", "task", "baseline")).resolve("lib"));
        Path built = Path.of("bench", "baseline", "target");
        Files.copy(built.resolve("baseline.jar"), lib.resolve("baseline.jar"));
        copyFiles(built.resolve("lib"), lib);
        return lib.getParent();
    }

    /** Copies every file of the directory {@code from} into the directory {@code to}, replacing files of the same names. */
    private static void copyFiles(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Run medianRun(List<Run> runs) {
        Function<java.util.function.ToDoubleFunction<Run>, Double> of = field -> median(runs.stream().map(run -> field.applyAsDouble(run)).toList());
        return new Run(of.apply(Run::readyMs), of.apply(Run::firstResponseMs), of.apply(Run::warmingMs), of.apply(Run::steadyMs), of.apply(Run::batchMs),
                of.apply(Run::peakRssMb));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void print(int runs, Map<String, Run> medians) {
        System.out.printf(Locale.ROOT, "%nMedians of %d runs; JAVA_TOOL_OPTIONS=\"%s\" (infra/jvm-options.txt); %d cores, %s%n%n", runs, jvmOptions,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "| variant | start → ready (ms) | start → first response (ms) | warm, calls 2–%d (ms) | warm, calls %d–%d (ms) "
                + "| batch of 10 at 300 ms (ms) | peak RSS (MB) |%n", WARMING_INVOCATIONS + 1, STEADY_AFTER + 1, STEADY_AFTER + STEADY_INVOCATIONS);
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        medians.forEach((name, run) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", name, format(run.readyMs()),
                format(run.firstResponseMs()), format(run.warmingMs()), format(run.steadyMs()), format(run.batchMs()), format(run.peakRssMb())));
        System.out.println();
        System.out.println("Ratios, function ÷ baseline (below 1: the function is faster or smaller):");
        for (String kind : List.of("http", "sqs")) {
            Run function = medians.get("function " + kind);
            Run base = medians.get("baseline " + kind);
            if (function == null || base == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "  %s: ready %s, first response %s, warm (calls 2–%d) %s, warm (calls %d–%d) %s, batch %s, peak RSS %s%n", kind,
                    ratio(() -> function.readyMs() / base.readyMs()), ratio(() -> function.firstResponseMs() / base.firstResponseMs()),
                    WARMING_INVOCATIONS + 1, ratio(() -> function.warmingMs() / base.warmingMs()), STEADY_AFTER + 1, STEADY_AFTER + STEADY_INVOCATIONS,
                    ratio(() -> function.steadyMs() / base.steadyMs()), ratio(() -> function.batchMs() / base.batchMs()),
                    ratio(() -> function.peakRssMb() / base.peakRssMb()));
        }
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(DoubleSupplier ratio) {
        double value = ratio.getAsDouble();
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }
}
