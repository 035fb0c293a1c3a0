package app.rechargeclose.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    /** USER_HZ, the unit of /proc/PID/stat's CPU times: 100 on every Linux that Lambda and this machine run. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    /** What Lambda's managed Java runtimes set when SnapStart is off: C1 only. */
    static final String MANAGED_RUNTIME_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /** One way of running a handler: its command, its package (unzipped), its environment and the kind of event it takes. */
    private record Variant(String name, List<String> command, Path taskRoot, Map<String, String> environment, boolean sqs) {
    }

    /** The figures of one run; NaN where a figure does not apply. */
    private record Run(double readyMs, double firstResponseMs, double firstResponseCpuMs, double warmingMs, double steadyMs, double batchMs, double peakRssMb) {
    }

    private final WeChatPaySimulator simulator;
    private int sequence;

    private Benchmark(WeChatPaySimulator simulator) {
        this.simulator = simulator;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        Vertx vertx = Vertx.vertx();
        try (WeChatPaySimulator simulator = SimulatorResource.startHttpsSimulator(vertx); MotoServer moto = MotoServer.start()) {
            new Benchmark(simulator).run(runs, only, moto);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** @param only when not empty, just the variants of these names, separated by {@code ;} */
    private void run(int runs, String only, MotoServer moto) throws Exception {
        Path aot = PackagedFunction.unzip(Path.of("target", "function.zip"), Path.of("target", "bench", "task", "aot"));
        Path jvm = PackagedFunction.unzip(Path.of("target", "function-jvm.zip"), Path.of("target", "bench", "task", "jvm"));
        Path baseline = baselineTaskRoot();
        List<String> aotCommand = PackagedFunction.bootstrapCommand(aot);
        List<String> jvmCommand = PackagedFunction.managedRuntimeCommand(Path.of(System.getProperty("java.home"), "bin", "java"), RIC, PackagedFunction.HANDLER);
        Map<String, String> managed = Map.of("JAVA_TOOL_OPTIONS", MANAGED_RUNTIME_JVM_OPTIONS);

        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("function aot http", aotCommand, aot, env("http", Map.of()), false),
                new Variant("function jvm http", jvmCommand, jvm, env("http", managed), false),
                new Variant("baseline http", baselineCommand("baseline.CloseRechargeHttpHandler::handleRequest"), baseline, env("http", managed), false),
                new Variant("function aot sqs", aotCommand, aot, env("sqs", Map.of()), true),
                new Variant("function jvm sqs", jvmCommand, jvm, env("sqs", managed), true),
                new Variant("baseline sqs", baselineCommand("baseline.CloseRechargeSqsHandler::handleRequest"), baseline, env("sqs", managed), true),
                new Variant("function aot http, keys from Secrets Manager", aotCommand, aot, secretsEnvironment(moto, Map.of()), false)));
        // Other builds of the aot package to measure beside it (a flag tried in the bootstrap, retrained): their task roots.
        for (String root : System.getProperty("bench.aot.task-roots", "").split(",")) {
            if (!root.isBlank()) {
                Path task = Path.of(root).toAbsolutePath();
                variants.add(new Variant("function aot http (" + task.getFileName() + ")", PackagedFunction.bootstrapCommand(task), task, env("http", Map.of()),
                        false));
            }
        }
        Predicate<String> selected = name -> only.isEmpty() || name.startsWith("function aot http (") || List.of(only.split(";")).contains(name);
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

    /** The baseline as the managed runtime runs it, on the machine's own JDK ({@code java} on the PATH). */
    private static List<String> baselineCommand(String handler) {
        return PackagedFunction.managedRuntimeCommand(Path.of(System.getProperty("baseline.java", "java")), RIC, handler);
    }

    private Run measure(Variant variant) throws Exception {
        try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator()) {
            long start = System.nanoTime();
            try (PackagedFunction function = PackagedFunction.start(runtime, variant.command(), variant.environment(), variant.taskRoot())) {
                runtime.firstPoll().get(INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double ready = millisSince(start);
                invoke(runtime, event(variant, 1));
                double firstResponse = millisSince(start);
                double firstResponseCpu = cpuMs(function.pid());
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
                return new Run(ready, firstResponse, firstResponseCpu, warming, steady, batch, peakRss);
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

    /** The deployment's environment for an https simulator (its JVM trusts the test CA), with {@code jvm}'s JVM options added. */
    private Map<String, String> env(String handler, Map<String, String> jvm) {
        Map<String, String> environment = new HashMap<>(PackagedFunction.environmentFor(handler, simulator));
        jvm.forEach((name, value) -> environment.merge(name, value, (trust, options) -> trust + " " + options));
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

    /**
     * The CPU time (user and system, all threads) the process has used: what a cold start costs where
     * CPU is scarce, as in Lambda, which gives a 512 MB function about a third of a vCPU.
     */
    private static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime: fields 14 and 15 of proc(5)
        return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
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

    /** The baseline as a .zip package of a plain Java handler holds it: its jar and its libraries in {@code lib/}. */
    private static Path baselineTaskRoot() throws IOException {
        Path lib = Files.createDirectories(PackagedFunction.freshDirectory(Path.of("target", "bench", "task", "baseline")).resolve("lib"));
        Path built = Path.of("bench", "baseline", "target");
        Files.copy(built.resolve("baseline.jar"), lib.resolve("baseline.jar"));
        try (Stream<Path> libraries = Files.list(built.resolve("lib"))) {
            for (Path library : libraries.toList()) {
                Files.copy(library, lib.resolve(library.getFileName()));
            }
        }
        return lib.getParent();
    }

    private static Run medianRun(List<Run> runs) {
        Function<java.util.function.ToDoubleFunction<Run>, Double> of = field -> median(runs.stream().map(run -> field.applyAsDouble(run)).toList());
        return new Run(of.apply(Run::readyMs), of.apply(Run::firstResponseMs), of.apply(Run::firstResponseCpuMs), of.apply(Run::warmingMs), of.apply(Run::steadyMs), of.apply(Run::batchMs),
                of.apply(Run::peakRssMb));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void print(int runs, Map<String, Run> medians) {
        System.out.printf(Locale.ROOT, "%nMedians of %d runs; %d cores; aot: its bootstrap's flags and bundled JDK; jvm: %s; baseline: %s with "
                + "JAVA_TOOL_OPTIONS=\"%s\" (the managed runtime's default without SnapStart)%n%n", runs, Runtime.getRuntime().availableProcessors(),
                "JDK " + System.getProperty("java.version") + ", the same JAVA_TOOL_OPTIONS", System.getProperty("baseline.java", "java"),
                MANAGED_RUNTIME_JVM_OPTIONS);
        System.out.printf(Locale.ROOT, "| variant | start → ready (ms) | start → first response (ms) | CPU to first response (ms) | warm, calls 2–%d (ms) | warm, calls %d–%d (ms) "
                + "| batch of 10 at 300 ms (ms) | peak RSS (MB) |%n", WARMING_INVOCATIONS + 1, STEADY_AFTER + 1, STEADY_AFTER + STEADY_INVOCATIONS);
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        medians.forEach((name, run) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, format(run.readyMs()),
                format(run.firstResponseMs()), format(run.firstResponseCpuMs()), format(run.warmingMs()), format(run.steadyMs()), format(run.batchMs()), format(run.peakRssMb())));
        System.out.println();
        System.out.println("Ratios, function ÷ baseline (below 1: the function is faster or smaller):");
        for (String variant : List.of("aot http", "jvm http", "aot sqs", "jvm sqs")) {
            Run function = medians.get("function " + variant);
            Run base = medians.get("baseline " + variant.substring(variant.indexOf(' ') + 1));
            if (function == null || base == null) {
                continue;
            }
            System.out.printf(Locale.ROOT, "  %s: ready %s, first response %s, CPU to first response %s, warm (calls 2–%d) %s, warm (calls %d–%d) %s, batch %s, peak RSS %s%n", variant,
                    ratio(() -> function.readyMs() / base.readyMs()), ratio(() -> function.firstResponseMs() / base.firstResponseMs()),
                    ratio(() -> function.firstResponseCpuMs() / base.firstResponseCpuMs()),
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
