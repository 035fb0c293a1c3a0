package app.rechargeclose.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import app.rechargeclose.sandbox.WeChatPaySimulator;

/**
 * The packaged function run as AWS runs it, against a {@link LambdaRuntimeEmulator}, configured by
 * environment variables only:
 * <ul>
 * <li>the {@code aot} package ({@code target/function.zip} of the JVM build), unzipped as
 * Lambda unzips it (UTC, entry times kept), its {@code bootstrap} started as {@code provided.al2023}
 * starts it, with {@code -XX:AOTMode=on}: a start whose AOT cache is refused fails;
 * <li>after a native build ({@code -Dnative}), the native package ({@code target/function.zip}),
 * unzipped the same way, its {@code bootstrap} started (the script that starts the executable, which polls by itself).
 * </ul>
 */
public final class PackagedFunction implements AutoCloseable {

    /** What the tests add to a JVM's options for an aot package: the JVM refuses to start without its AOT cache. */
    public static final String AOT_CACHE_REQUIRED = "-XX:AOTMode=on";

    /** The task roots of the packages, each unzipped once per test run: they do not change while the tests run. */
    private static final Map<Path, Path> UNZIPPED = new HashMap<>();

    private final Process process;
    private final Path log;

    private PackagedFunction(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Whether the build under test is the native one ({@code -Dnative}). */
    public static boolean isNative() {
        return Boolean.getBoolean("native.enabled");
    }

    public static PackagedFunction start(LambdaRuntimeEmulator runtime, Map<String, String> environment) throws IOException {
        if (isNative()) {
            Map<String, String> withNative = new HashMap<>(environment);
            withNative.putIfAbsent("DISABLE_SIGNAL_HANDLERS", "true");
            Path task = unzipped(builtFile("function.zip"), "it-task-native");
            return start(runtime, nativeCommand(task, environment), withNative, task);
        }
        Map<String, String> aot = new HashMap<>(environment);
        aot.merge("JAVA_TOOL_OPTIONS", AOT_CACHE_REQUIRED, (options, required) -> options + " " + required);
        Path task = aotTaskRoot();
        return start(runtime, bootstrapCommand(task), aot, task);
    }

    /** The aot package, {@code target/function.zip}, unzipped as Lambda unzips it into {@code /var/task}. */
    public static Path aotTaskRoot() throws IOException {
        return unzipped(builtFile("function.zip"), "it-task");
    }

    /** What {@code provided.al2023} runs: the task root's {@code bootstrap}. */
    public static List<String> bootstrapCommand(Path taskRoot) {
        return List.of(taskRoot.resolve("bootstrap").toString());
    }

    /**
     * The native package's {@code bootstrap} as {@code provided.al2023} runs it. The executable it
     * starts reads no JAVA_TOOL_OPTIONS: the system properties set there go on its command line.
     */
    public static List<String> nativeCommand(Path taskRoot, Map<String, String> environment) {
        List<String> command = new ArrayList<>(bootstrapCommand(taskRoot));
        String options = environment.getOrDefault("JAVA_TOOL_OPTIONS", "");
        Stream.of(options.split(" ")).filter(option -> option.startsWith("-D")).forEach(command::add);
        return command;
    }

    private static Path builtFile(String name) {
        String target = System.getProperty("build.directory");
        if (target == null) {
            throw new IllegalStateException("run through Maven failsafe after package: build.directory is set there");
        }
        return Path.of(target, name);
    }

    /** @param taskRoot the working directory (the unzipped package, for {@link #managedRuntimeCommand}); null: this one */
    public static PackagedFunction start(LambdaRuntimeEmulator runtime, List<String> command, Map<String, String> environment, Path taskRoot)
            throws IOException {
        Path log = Files.createTempFile("function", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (taskRoot != null) {
            builder.directory(taskRoot.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("WECHATPAY_") || name.startsWith("QUARKUS_"));
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "recharge-close");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        builder.environment().put("AWS_REGION", "ap-east-1");
        // Off this machine there is nothing to ask: keep the AWS SDK from probing EC2 instance metadata.
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(environment);
        return new PackagedFunction(builder.start(), log);
    }

    /** The WECHATPAY_* variables a deployment would set, pointing at a simulator on {@code port} (plain http). */
    public static Map<String, String> environmentFor(String handler, int simulatorPort) {
        return environment(handler, SimulatorResource.functionConfig(simulatorPort));
    }

    /** The WECHATPAY_* variables a deployment would set, pointing at {@code simulator}; for an https one, the JVM trusts the test CA only. */
    public static Map<String, String> environmentFor(String handler, WeChatPaySimulator simulator) {
        Map<String, String> environment = environment(handler, SimulatorResource.functionConfig(simulator));
        if (simulator.baseUrl("127.0.0.1").startsWith("https:")) {
            environment.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + SimulatorResource.TEST_CA_TRUST_STORE
                    + " -Djavax.net.ssl.trustStorePassword=changeit");
        }
        return environment;
    }

    private static Map<String, String> environment(String handler, Map<String, String> config) {
        Map<String, String> environment = new HashMap<>();
        config.forEach((key, value) -> environment.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        environment.put("QUARKUS_LAMBDA_HANDLER", handler);
        return environment;
    }

    /** {@code zip} unzipped once per test run into {@code directory}, next to it. */
    private static synchronized Path unzipped(Path zip, String directory) throws IOException {
        Path root = UNZIPPED.get(zip);
        if (root == null) {
            root = unzip(zip, zip.resolveSibling(directory));
            UNZIPPED.put(zip, root);
        }
        return root;
    }

    /**
     * Unzips {@code zip} into {@code root}, emptied first, as Lambda unzips a package into
     * {@code /var/task}: in UTC, each file with its entry's time and Unix mode (Info-ZIP's unzip).
     */
    public static Path unzip(Path zip, Path root) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException("no " + zip + ": run ./mvnw package first");
        }
        Path target = freshDirectory(root);
        ProcessBuilder unzip = new ProcessBuilder("unzip", "-q", zip.toAbsolutePath().toString(), "-d", target.toString()).inheritIO();
        unzip.environment().put("TZ", "UTC");
        try {
            Process process = unzip.start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("unzip failed on " + zip);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unzipping " + zip, e);
        }
        return target;
    }

    /** {@code directory}, made empty (or made), as an absolute path. */
    public static Path freshDirectory(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.exists(absolute)) {
            try (Stream<Path> files = Files.walk(absolute)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        return Files.createDirectories(absolute);
    }

    public long pid() {
        return process.pid();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The log once it holds what {@code until} looks for: the process writes it on its own schedule. */
    public String awaitLog(java.util.function.Predicate<String> until, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = log();
        while (!until.test(text) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = log();
        }
        return text;
    }

    public Integer exitCodeWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
