package app.rechargeclose.bench;

import java.io.File;
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
import java.util.stream.Stream;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.MotoServer;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.SimulatorResource;
import io.vertx.core.Vertx;

/**
 * Runs the packaged function the way AWS does (the native and aot packages' {@code bootstrap}
 * against a Lambda Runtime API emulator on loopback, a signing https WeChat Pay simulator on
 * loopback) next to a baseline — a plain handler on the official wechatpay-java SDK under AWS's
 * runtime interface client, as the managed Java runtime runs it — each process under Lambda's CPU share for its memory
 * ({@link CpuShare}), and prints medians over several runs: start to ready-for-first-event, start to
 * first response, warm latency, a batch of 10 at 300 ms upstream latency, and peak RSS.
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
    /** The packages that one build directory cannot hold at once, kept apart by bench/run: the aot and the native {@code function.zip}. */
    private static final Path BUILT = Path.of("target", "bench");
    /** The memory the unrestricted rows tell the function it has (the aot bootstrap sizes its heap from it). */
    private static final int UNRESTRICTED_MEMORY_MB = 1024;

    /** Memory sizes measured by default: Lambda's CPU share at each (see {@link CpuShare}). */
    private static final String DEFAULT_MEMORY = "512,1769";
    /** In {@code bench.memory}: no CPU quota, the machine's cores as they are. */
    private static final String UNRESTRICTED = "host";

    /**
     * One way of running a handler: its command, its package (unzipped), its environment and the
     * kind of event it takes, at a memory size ({@code 0}: unrestricted, the machine's cores).
     */
    private record Variant(String name, int memoryMb, List<String> command, Path taskRoot, Map<String, String> environment, boolean sqs) {

        String row() {
            return name + " @ " + (memoryMb == 0 ? "all cores" : memoryMb + " MB");
        }
    }

    /** The figures of one run; NaN where a figure does not apply. */
    private record Run(double readyMs, double firstResponseMs, double firstResponseCpuMs, double warmingMs, double steadyMs, double batchMs, double peakRssMb) {
    }

    private final WeChatPaySimulator simulator;
    private final CpuShare cpuShare;
    private int sequence;

    private Benchmark(WeChatPaySimulator simulator, CpuShare cpuShare) {
        this.simulator = simulator;
        this.cpuShare = cpuShare;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        Vertx vertx = Vertx.vertx();
        try (WeChatPaySimulator simulator = SimulatorResource.startHttpsSimulator(vertx); MotoServer moto = MotoServer.start();
                CpuShare cpuShare = new CpuShare()) {
            new Benchmark(simulator, cpuShare).run(runs, only, moto, memorySizes());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** {@code bench.memory}: MB sizes, each measured at its Lambda CPU share, or {@code host}; without a writable cgroup, {@code host} only. */
    private static List<Integer> memorySizes() {
        List<Integer> sizes = Stream.of(System.getProperty("bench.memory", DEFAULT_MEMORY).split(",")).map(String::trim)
                .map(size -> size.equals(UNRESTRICTED) ? 0 : Integer.parseInt(size)).toList();
        if (sizes.stream().anyMatch(size -> size > 0) && !CpuShare.available()) {
            System.err.println("No writable cgroup v1 cpu controller (/sys/fs/cgroup/cpu): Lambda's CPU shares cannot be reproduced here,"
                    + " so every variant runs on all of this machine's cores, which flatters a JVM's start.");
            return List.of(0);
        }
        return sizes;
    }

    /** @param only when not empty, just the variants of these names (without the memory), separated by {@code ;} */
    private void run(int runs, String only, MotoServer moto, List<Integer> memorySizes) throws Exception {
        Path nativeTask = PackagedFunction.unzip(BUILT.resolve("function-native.zip"), Path.of("target", "bench", "task", "native"));
        Path aot = PackagedFunction.unzip(BUILT.resolve("function-aot.zip"), Path.of("target", "bench", "task", "aot"));
        Path baseline = baselineTaskRoot();
        List<String> aotCommand = PackagedFunction.bootstrapCommand(aot);
        Map<String, String> managed = Map.of("JAVA_TOOL_OPTIONS", MANAGED_RUNTIME_JVM_OPTIONS);
        String secret = moto.createKeySecret("recharge-close/bench");

        List<Variant> variants = new ArrayList<>();
        for (int memory : memorySizes) {
            Map<String, String> http = env("http", memory, Map.of());
            Map<String, String> sqs = env("sqs", memory, Map.of());
            List<String> nativeCommand = PackagedFunction.nativeCommand(nativeTask, http);
            variants.addAll(List.of(
                    new Variant("native http", memory, nativeCommand, nativeTask, http, false),
                    new Variant("aot http", memory, aotCommand, aot, http, false),
                    new Variant("baseline http", memory, baselineCommand("baseline.CloseRechargeHttpHandler::handleRequest"), baseline,
                            env("http", memory, managed), false),
                    new Variant("native sqs", memory, nativeCommand, nativeTask, sqs, true),
                    new Variant("aot sqs", memory, aotCommand, aot, sqs, true),
                    new Variant("baseline sqs", memory, baselineCommand("baseline.CloseRechargeSqsHandler::handleRequest"), baseline,
                            env("sqs", memory, managed), true),
                    new Variant("native http, keys from Secrets Manager", memory, nativeCommand, nativeTask, secretsEnvironment(moto, secret, memory, Map.of()),
                            false),
                    new Variant("aot http, keys from Secrets Manager", memory, aotCommand, aot, secretsEnvironment(moto, secret, memory, Map.of()), false)));
        }
        variants.removeIf(variant -> !only.isEmpty() && !List.of(only.split(";")).contains(variant.name()));
        if (!variants.isEmpty()) {
            // Unmeasured: the simulator and the emulator run in this JVM, and their first answers would
            // otherwise be slow for whichever variant comes first.
            measure(variants.get(0));
        }
        // Round robin, so that a machine that slows down for a while slows every variant alike.
        Map<Variant, List<Run>> samples = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Variant variant : variants) {
                Run run = measure(variant);
                samples.computeIfAbsent(variant, name -> new ArrayList<>()).add(run);
                System.err.printf(Locale.ROOT, "run %d, %s: %s%n", i + 1, variant.row(), run);
            }
        }
        Map<Variant, Run> medians = new LinkedHashMap<>();
        samples.forEach((variant, runsOfVariant) -> medians.put(variant, medianRun(runsOfVariant)));
        print(runs, medians);
    }

    /**
     * The baseline as AWS's managed Java runtimes run a .zip package, on the machine's own JDK
     * ({@code java} on the PATH): the runtime interface client (with aws-lambda-java-core) alone on
     * the class path, loading the handler from the package unzipped in the working directory
     * ({@code /var/task}) with its own class loader.
     */
    private static List<String> baselineCommand(String handler) {
        return List.of(System.getProperty("baseline.java", "java"), "-cp", RIC + File.separator + "*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
    }

    private Run measure(Variant variant) throws Exception {
        try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator()) {
            long start = System.nanoTime();
            List<String> command = variant.memoryMb() == 0 ? variant.command() : cpuShare.confine(variant.memoryMb(), variant.command());
            try (PackagedFunction function = PackagedFunction.start(runtime, command, variant.environment(), variant.taskRoot())) {
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

    /**
     * The deployment's environment for an https simulator (its JVM trusts the test CA), with
     * {@code jvm}'s JVM options added, and the function's memory as Lambda tells it.
     */
    private Map<String, String> env(String handler, int memoryMb, Map<String, String> jvm) {
        Map<String, String> environment = new HashMap<>(PackagedFunction.environmentFor(handler, simulator));
        jvm.forEach((name, value) -> environment.merge(name, value, (trust, options) -> trust + " " + options));
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb == 0 ? UNRESTRICTED_MEMORY_MB : memoryMb));
        return environment;
    }

    private Map<String, String> secretsEnvironment(MotoServer moto, String secret, int memoryMb, Map<String, String> jvm) {
        Map<String, String> environment = env("http", memoryMb, jvm);
        moto.useKeySecret(environment, secret);
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

    private void print(int runs, Map<Variant, Run> medians) {
        System.out.printf(Locale.ROOT, "%nMedians of %d runs on %d cores; each function process under Lambda's CPU share for its memory (memory / %d MB of one CPU)"
                + " unless \"all cores\". native and aot: their bootstrap, nothing added; baseline: %s under the runtime interface client with "
                + "JAVA_TOOL_OPTIONS=\"%s\" (the managed runtime's default without SnapStart)%n%n", runs,
                Runtime.getRuntime().availableProcessors(), CpuShare.FULL_VCPU_MB, System.getProperty("baseline.java", "java"), MANAGED_RUNTIME_JVM_OPTIONS);
        System.out.printf(Locale.ROOT, "| variant | start → ready (ms) | start → first response (ms) | CPU to first response (ms) | warm, calls 2–%d (ms) | warm, calls %d–%d (ms) "
                + "| batch of 10 at 300 ms (ms) | peak RSS (MB) |%n", WARMING_INVOCATIONS + 1, STEADY_AFTER + 1, STEADY_AFTER + STEADY_INVOCATIONS);
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        medians.forEach((variant, run) -> System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", variant.row(), format(run.readyMs()),
                format(run.firstResponseMs()), format(run.firstResponseCpuMs()), format(run.warmingMs()), format(run.steadyMs()), format(run.batchMs()),
                format(run.peakRssMb())));
        System.out.println();
        System.out.println("Ratios, function ÷ baseline at the same memory (below 1: the function is faster or smaller):");
        medians.forEach((variant, function) -> {
            if (variant.name().startsWith("baseline") || variant.name().contains(",")) {
                return;
            }
            String handler = variant.name().substring(variant.name().indexOf(' ') + 1);
            medians.entrySet().stream().filter(other -> other.getKey().name().equals("baseline " + handler) && other.getKey().memoryMb() == variant.memoryMb())
                    .map(Map.Entry::getValue).findFirst().ifPresent(base -> System.out.printf(Locale.ROOT,
                            "  %s: ready %s, first response %s, CPU to first response %s, warm (calls 2–%d) %s, warm (calls %d–%d) %s, batch %s, peak RSS %s%n",
                            variant.row(), ratio(() -> function.readyMs() / base.readyMs()), ratio(() -> function.firstResponseMs() / base.firstResponseMs()),
                            ratio(() -> function.firstResponseCpuMs() / base.firstResponseCpuMs()), WARMING_INVOCATIONS + 1,
                            ratio(() -> function.warmingMs() / base.warmingMs()), STEADY_AFTER + 1, STEADY_AFTER + STEADY_INVOCATIONS,
                            ratio(() -> function.steadyMs() / base.steadyMs()), ratio(() -> function.batchMs() / base.batchMs()),
                            ratio(() -> function.peakRssMb() / base.peakRssMb())));
        });
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(DoubleSupplier ratio) {
        double value = ratio.getAsDouble();
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }
}
