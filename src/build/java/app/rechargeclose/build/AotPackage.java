package app.rechargeclose.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.rechargeclose.testing.PackagedFunction;

/**
 * Builds the {@code aot} package, {@code target/function.zip}, for Lambda's {@code provided.al2023}
 * runtime, right after Quarkus has packed the function (pom.xml runs it in the package phase):
 *
 * <ol>
 * <li>lays out the task root as Lambda will unzip it into {@code /var/task}: {@code bootstrap}
 * (src/build/bootstrap), {@code runtime/} (a JDK 25 made by jlink from the build's JDK, only the
 * modules in {@link #MODULES}), the function's runner jar with its {@code lib/}, and AWS's runtime
 * interface client in {@code ric/}, every file with the time {@link ReproducibleZip#ENTRY_TIME};
 * <li>trains one AOT cache per handler by running that task root's {@code bootstrap}, exactly as it
 * ships, against a Runtime API emulator and an https WeChat Pay simulator ({@link AotTraining});
 * <li>zips the task root, caches included, with fixed entry times and modes ({@link ReproducibleZip}).
 * </ol>
 *
 * <p>The cache serves only the JVM build that wrote it, and only jars of the same size and time at
 * the same relative place: the same files, unzipped, are what Lambda runs.
 */
public final class AotPackage {

    /**
     * What the function needs of the JDK, found with {@code jdeps --print-module-deps} over the runner
     * jar, lib/ and ric/, then trimmed by what a training run loads ({@code -Xlog:class+load}):
     * java.desktop, java.rmi and jdk.compiler are referenced by library code the function never runs.
     * jdk.zipfs is no dependency jdeps sees: SmallRye Common finds it as the provider of jar: file systems.
     * jdk.crypto.ec is in java.base since JDK 22; the CA certificates come with java.base.
     */
    static final List<String> MODULES = List.of("java.base", "java.logging", "java.management", "java.naming", "java.sql", "jdk.unsupported", "jdk.zipfs");

    static final List<String> HANDLERS = List.of("http", "sqs");

    /** Lambda refuses a function whose code unzips to 262,144,000 bytes (250 MiB) or more. */
    public static final long UNZIPPED_LIMIT_BYTES = 262_144_000L;

    private AotPackage() {
    }

    /** @param args the build directory ({@code target}), the runner jar's file name */
    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path runnerJar = target.resolve(args[1]);
        Path quarkusZip = target.resolve("function.zip");

        Path task = PackagedFunction.freshDirectory(target.resolve("aot-task"));
        jlink(task.resolve("runtime"));
        Files.copy(runnerJar, task.resolve("function.jar"));
        copyJars(target.resolve("lib"), Files.createDirectories(task.resolve("lib")), List.of());
        // aws-lambda-java-core is in lib/ already, at the version the function was built against.
        List<String> ric = copyJars(target.resolve("ric"), Files.createDirectories(task.resolve("ric")), List.of("aws-lambda-java-core-"));
        writeBootstrap(task.resolve("bootstrap"), ric);
        Files.createDirectories(task.resolve("aot"));
        ReproducibleZip.setTimes(task);

        for (String handler : HANDLERS) {
            AotTraining.train(task, handler, target.resolve("aot-training-" + handler + ".log"));
        }
        ReproducibleZip.setTimes(task.resolve("aot"));
        long unzipped = unzippedBytes(task);
        if (unzipped >= UNZIPPED_LIMIT_BYTES) {
            throw new IllegalStateException("the aot package unzips to " + (unzipped >> 20) + " MiB, and Lambda refuses " + (UNZIPPED_LIMIT_BYTES >> 20)
                    + " MiB or more: trim AotPackage.MODULES or lib/, or deploy the native package");
        }
        ReproducibleZip.write(task, quarkusZip);
        System.out.printf("%s: the aot package, %d MiB, %d MiB unzipped (%s)%n", quarkusZip, Files.size(quarkusZip) >> 20, unzipped >> 20,
                cacheSizes(task.resolve("aot")));
    }

    private static void jlink(Path runtime) throws IOException, InterruptedException {
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        run(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-man-pages", "--no-header-files",
                "--output", runtime.toString()));
    }

    /** @return the class path entries of the copied jars, relative to the task root, in name order */
    private static List<String> copyJars(Path from, Path to, List<String> leaveOut) throws IOException {
        List<String> copied = new ArrayList<>();
        try (Stream<Path> jars = Files.list(from)) {
            for (Path jar : jars.sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && leaveOut.stream().noneMatch(name::startsWith)) {
                    Files.copy(jar, to.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                    copied.add(to.getFileName() + "/" + name);
                }
            }
        }
        return copied;
    }

    /** The bootstrap with its class path: the runner jar (its manifest names lib/'s jars) and the runtime client's jars, by name. */
    private static void writeBootstrap(Path bootstrap, List<String> ric) throws IOException {
        String template = Files.readString(Path.of("src", "build", "bootstrap"));
        List<String> classPath = new ArrayList<>(List.of("function.jar"));
        classPath.addAll(ric);
        Files.writeString(bootstrap, template.replace("@CLASS_PATH@", String.join(":", classPath)));
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** What the task root takes once Lambda has unzipped it: its files' sizes. */
    private static long unzippedBytes(Path task) throws IOException {
        try (Stream<Path> files = Files.walk(task)) {
            return files.filter(Files::isRegularFile).mapToLong(AotPackage::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cacheSizes(Path aot) throws IOException {
        try (Stream<Path> caches = Files.list(aot)) {
            return caches.sorted().map(cache -> cache.getFileName() + " " + (size(cache) >> 20) + " MiB").collect(Collectors.joining(", "));
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(Duration.ofMinutes(5).toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }
}
