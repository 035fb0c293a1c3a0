package app.rechargeclose.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The packaged function run as AWS runs it: in JVM mode AWS's runtime interface client loads the
 * deployed handler ({@link #HANDLER}) from {@code target/function.zip}, unzipped as the task root;
 * after a native build ({@code -Dnative}) the executable polls by itself, as {@code provided.al2023}
 * runs it. Either way against a {@link LambdaRuntimeEmulator}, configured by environment variables only.
 */
public final class PackagedFunction implements AutoCloseable {

    public static final String HANDLER = "app.rechargeclose.lambda.PreloadingStreamHandler::handleRequest";
    /** Quarkus's own handler, in the runtime's class loader and without the class preloader: the benchmark compares it, the preload training runs it. */
    public static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /** The task root of {@link #start(LambdaRuntimeEmulator, Map)}, once unzipped. */
    private static Path unzippedPackage;

    private final Process process;
    private final Path log;

    private PackagedFunction(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static PackagedFunction start(LambdaRuntimeEmulator runtime, Map<String, String> environment) throws IOException {
        if (Boolean.getBoolean("native.enabled")) {
            Map<String, String> withNative = new HashMap<>(environment);
            withNative.putIfAbsent("DISABLE_SIGNAL_HANDLERS", "true");
            return start(runtime, List.of(System.getProperty("native.image.path")), withNative, null);
        }
        String functionZip = System.getProperty("function.zip");
        String ricDir = System.getProperty("ric.dir");
        if (functionZip == null || ricDir == null) {
            throw new IllegalStateException("run through Maven failsafe after package: function.zip and ric.dir are set there");
        }
        return start(runtime, managedRuntimeCommand(Path.of(ricDir), HANDLER), environment, taskRoot(Path.of(functionZip)));
    }

    /**
     * What AWS's {@code java21} runtime runs for a .zip package: the runtime interface client (with
     * aws-lambda-java-core) alone on the class path; the package, unzipped in the working directory
     * ({@code /var/task}), is loaded by the client's own class loader.
     */
    public static List<String> managedRuntimeCommand(Path ricDir, String handler) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ricDir.toAbsolutePath() + File.separator + "*",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
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

    /** The WECHATPAY_* variables a deployment would set, pointing at a simulator on {@code port}. */
    public static Map<String, String> environmentFor(String handler, int simulatorPort) {
        Map<String, String> environment = new HashMap<>();
        SimulatorResource.functionConfig(simulatorPort).forEach((key, value) -> environment.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value));
        environment.put("QUARKUS_LAMBDA_HANDLER", handler);
        return environment;
    }

    /** The package unzipped once per test run, next to it: it does not change while the tests run. */
    private static synchronized Path taskRoot(Path functionZip) throws IOException {
        if (unzippedPackage == null) {
            unzippedPackage = unzip(functionZip, functionZip.resolveSibling("it-task"));
        }
        return unzippedPackage;
    }

    /** Unzips {@code zip} into {@code root}, emptied first, as Lambda unzips a package into {@code /var/task}. */
    public static Path unzip(Path zip, Path root) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException("no " + zip + ": run ./mvnw package first");
        }
        Path target = freshDirectory(root);
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file);
                }
            }
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
