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
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

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
    /**
     * After the first close, this many unmeasured closes with no upstream latency (by then a JVM has
     * compiled what a close runs with C1), then {@link #WARM_INVOCATIONS} measured at the upstream
     * latency: warm p50, p99 and CPU per close. The sqs rows skip both: theirs is the batch of 10.
     */
    private static final int WARM_UP_INVOCATIONS = 100;
    private static final int WARM_INVOCATIONS = 100;
    /** Closes before an sqs row's batch of 10, so that the batch is not the process's second call. */
    private static final int SQS_WARM_UP_INVOCATIONS = 20;
    /** What infra deploys as WECHATPAY_TIMEOUT (wechatpay_timeout_seconds). */
    private static final Duration DEPLOYED_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** WeChat Pay's answer time the table assumes, unless {@code bench.upstream-latency} (ms) says otherwise. */
    private static final Duration DEFAULT_UPSTREAM_LATENCY = Duration.ofMillis(150);
    /** USER_HZ, the unit of /proc/PID/stat's CPU times: 100 on every Linux that Lambda and this machine run. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    /** What Lambda's managed Java runtimes set when SnapStart is off: C1 only. */
    static final String MANAGED_RUNTIME_JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    /** The packages that one build directory cannot hold at once, kept apart by bench/run: the aot and the native {@code function.zip}. */
    private static final Path BUILT = Path.of("target", "bench");
    /** The memory the unrestricted rows tell the function it has (the aot bootstrap sizes its heap from it). */
    private static final int UNRESTRICTED_MEMORY_MB = 1024;

    /** Memory sizes measured by default, as AWS Lambda Power Tuning's: Lambda's CPU share at each (see {@link CpuShare}). */
    private static final String DEFAULT_MEMORY = "128,256,512,1024,1769";
    /** The variants measured by default (the others by name): each package's two handlers. */
    private static final List<String> DEFAULT_VARIANTS = List.of("native http", "aot http", "baseline http", "native sqs", "aot sqs", "baseline sqs");
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
    record Run(double readyMs, double firstResponseMs, double firstResponseCpuMs, double warmP50Ms, double warmP99Ms, double warmCpuMs,
            double warmBilledMs, double batchMs, double batchBilledMs, double peakRssMb) {
    }

    private final WeChatPaySimulator simulator;
    private final CpuShare cpuShare;
    private final Duration upstreamLatency;
    private int sequence;

    private Benchmark(WeChatPaySimulator simulator, CpuShare cpuShare, Duration upstreamLatency) {
        this.simulator = simulator;
        this.cpuShare = cpuShare;
        this.upstreamLatency = upstreamLatency;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "";
        Vertx vertx = Vertx.vertx();
        try (WeChatPaySimulator simulator = SimulatorResource.startHttpsSimulator(vertx); MotoServer moto = MotoServer.start();
                CpuShare cpuShare = new CpuShare()) {
            Duration upstreamLatency = Duration.ofMillis(Long.getLong("bench.upstream-latency", DEFAULT_UPSTREAM_LATENCY.toMillis()));
            new Benchmark(simulator, cpuShare, upstreamLatency).run(runs, only, moto, memorySizes());
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
        String secret = moto.createKeySecret("recharge-close/bench");

        List<Variant> variants = new ArrayList<>();
        for (int memory : memorySizes) {
            Map<String, String> http = env("http", memory, Map.of());
            Map<String, String> sqs = env("sqs", memory, Map.of());
            Map<String, String> managed = Map.of("JAVA_TOOL_OPTIONS", managedRuntimeOptions(memory));
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
        List<String> chosen = only.isEmpty() ? DEFAULT_VARIANTS : List.of(only.split(";"));
        variants.removeIf(variant -> !chosen.contains(variant.name()));
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
        MemoryTable table = new MemoryTable(upstreamLatency, medians.entrySet().stream()
                .map(entry -> new MemoryTable.Row(entry.getKey().name(), entry.getKey().memoryMb(), entry.getKey().sqs(), entry.getValue())).toList());
        System.out.print(heading(runs));
        System.out.print(table);
        Path chart = Files.writeString(BUILT.resolve("cost-latency.svg"), CostChart.svg(table));
        Path data = BUILT.resolve("memory-table.json");
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(data.toFile(), table.asData());
        System.out.printf(Locale.ROOT, "%nCost against latency (http rows): %s; the table as data: %s (commit both to bench/ when they back infra's memory defaults)%n",
                chart, data);
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
        simulator.setLatency(upstreamLatency);
        try (LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator()) {
            long start = System.nanoTime();
            List<String> command = variant.memoryMb() == 0 ? variant.command() : cpuShare.confine(variant.memoryMb(), variant.command());
            try (PackagedFunction function = PackagedFunction.start(runtime, command, variant.environment(), variant.taskRoot())) {
                runtime.firstPoll().get(INVOCATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                double ready = millisSince(start);
                invoke(runtime, event(variant, 1));
                double firstResponse = millisSince(start);
                double firstResponseCpu = cpuMs(function.pid());
                if (variant.sqs()) {
                    closes(runtime, variant, SQS_WARM_UP_INVOCATIONS, Duration.ZERO);
                    List<Double> batch = closes(runtime, variant, 1, upstreamLatency, 10);
                    return new Run(ready, firstResponse, firstResponseCpu, Double.NaN, Double.NaN, Double.NaN, Double.NaN, batch.get(0),
                            billed(batch), peakRssMb(function.pid()));
                }
                closes(runtime, variant, WARM_UP_INVOCATIONS, Duration.ZERO);
                double cpuBefore = cpuMs(function.pid());
                List<Double> warm = closes(runtime, variant, WARM_INVOCATIONS, upstreamLatency);
                double warmCpu = (cpuMs(function.pid()) - cpuBefore) / WARM_INVOCATIONS;
                return new Run(ready, firstResponse, firstResponseCpu, percentile(warm, 50), percentile(warm, 99), warmCpu, billed(warm), Double.NaN,
                        Double.NaN, peakRssMb(function.pid()));
            }
        }
    }

    private List<Double> closes(LambdaRuntimeEmulator runtime, Variant variant, int invocations, Duration latency) throws Exception {
        return closes(runtime, variant, invocations, latency, 1);
    }

    /** @return the latency of each of {@code invocations} closes one after another, from enqueuing the event to the answer */
    private List<Double> closes(LambdaRuntimeEmulator runtime, Variant variant, int invocations, Duration latency, int messages) throws Exception {
        simulator.setLatency(latency);
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            long before = System.nanoTime();
            invoke(runtime, event(variant, messages));
            latencies.add(millisSince(before));
        }
        return latencies;
    }

    /** Lambda bills each invocation's duration rounded up to the millisecond: the mean of that. */
    private static double billed(List<Double> latencies) {
        return latencies.stream().mapToDouble(Math::ceil).average().orElse(Double.NaN);
    }

    /**
     * The deployment's environment for an https simulator (its JVM trusts the test CA), with
     * {@code jvm}'s JVM options added, the function's memory as Lambda tells it, and the deployed
     * attempt timeout.
     */
    private Map<String, String> env(String handler, int memoryMb, Map<String, String> jvm) {
        Map<String, String> environment = new HashMap<>(PackagedFunction.environmentFor(handler, simulator));
        jvm.forEach((name, value) -> environment.merge(name, value, (trust, options) -> trust + " " + options));
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb == 0 ? UNRESTRICTED_MEMORY_MB : memoryMb));
        // The deployed attempt timeout (infra's wechatpay_timeout_seconds), not the tests' second: a
        // first close at 128 MB's share may take longer than that, and it is a slow close, not a failed one.
        environment.put("WECHATPAY_TIMEOUT", DEPLOYED_ATTEMPT_TIMEOUT.toSeconds() + "s");
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
        return new Run(of.apply(Run::readyMs), of.apply(Run::firstResponseMs), of.apply(Run::firstResponseCpuMs), of.apply(Run::warmP50Ms), of.apply(Run::warmP99Ms),
                of.apply(Run::warmCpuMs), of.apply(Run::warmBilledMs), of.apply(Run::batchMs), of.apply(Run::batchBilledMs), of.apply(Run::peakRssMb));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The nearest-rank percentile: the smallest value that {@code percent} % of the values do not exceed. */
    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    private String heading(int runs) {
        return String.format(Locale.ROOT, "%nMedians of %d runs on %d cores; each function process under Lambda's CPU share for its memory (memory / %d MB of one CPU)"
                + " unless \"all cores\"; WeChat Pay (the https simulator) answering in %d ms. native and aot: their bootstrap, nothing added; baseline: %s"
                + " under the runtime interface client with JAVA_TOOL_OPTIONS=\"%s -XX:MaxRAM=<memory>\" (the managed runtime's default without SnapStart, in"
                + " its memory)%n%n", runs, Runtime.getRuntime().availableProcessors(), CpuShare.FULL_VCPU_MB, upstreamLatency.toMillis(),
                System.getProperty("baseline.java", "java"), MANAGED_RUNTIME_JVM_OPTIONS);
    }

    /** The managed runtime's JVM options, and the memory Lambda gives it, which its JVM sizes itself by. */
    private static String managedRuntimeOptions(int memoryMb) {
        return memoryMb == 0 ? MANAGED_RUNTIME_JVM_OPTIONS : MANAGED_RUNTIME_JVM_OPTIONS + " -XX:MaxRAM=" + memoryMb + "m";
    }
}
