package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;

import app.rechargeclose.build.AotPackage;

/**
 * What the native package ({@code ./mvnw package -Dnative}) holds: {@code target/function.zip} for
 * {@code provided.al2023}, the {@code bootstrap} script that starts the executable {@code runner}
 * (built for this machine's architecture) with a heap for the function's memory, with neither the
 * dev sandbox nor the AWS CRT's JNI library in it. Run by the native build only.
 */
class NativePackageIT {

    private static final Path TARGET = Path.of(System.getProperty("build.directory", "target"));
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    @Test
    void holdsTheBootstrapScriptAndOneExecutableForThisArchitecture() throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(TARGET.resolve("function.zip")).get()) {
            List<String> names = Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getName).sorted().toList();
            assertEquals(List.of("bootstrap", "runner"), names, "the script and the executable alone: no JNI library, no jar");
            for (String name : names) {
                assertEquals(0755, zip.getEntry(name).getUnixMode() & 0777, name + " is executable");
            }
            try (InputStream in = zip.getInputStream(zip.getEntry("bootstrap"))) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).startsWith("#!/bin/sh\n"), "bootstrap is a POSIX shell script");
            }
            ZipArchiveEntry runner = zip.getEntry("runner");
            assertTrue(runner.getSize() < AotPackage.UNZIPPED_LIMIT_BYTES, "under Lambda's unzipped limit: " + runner.getSize());
            byte[] header = new byte[20];
            try (InputStream in = zip.getInputStream(runner)) {
                assertEquals(header.length, in.readNBytes(header, 0, header.length));
            }
            assertArrayEquals(ELF_MAGIC, Arrays.copyOf(header, 4), "a Linux executable");
            int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8; // e_machine, little-endian
            assertEquals(System.getProperty("os.arch").equals("aarch64") ? 183 : 62, machine, "built for " + System.getProperty("os.arch"));
        }
    }

    /**
     * The bootstrap hands the executable half the function's memory as its heap, and every argument
     * it was given: checked with a runner that prints what it receives.
     */
    @Test
    void bootstrapGivesTheExecutableHalfTheMemoryAsItsHeap() throws Exception {
        Path task = Files.createTempDirectory("native-bootstrap");
        try (ZipFile zip = ZipFile.builder().setPath(TARGET.resolve("function.zip")).get(); InputStream in = zip.getInputStream(zip.getEntry("bootstrap"))) {
            Files.write(task.resolve("bootstrap"), in.readAllBytes());
        }
        Files.writeString(task.resolve("runner"), "#!/bin/sh\necho \"$@\"\n");
        for (Path script : List.of(task.resolve("bootstrap"), task.resolve("runner"))) {
            script.toFile().setExecutable(true);
        }
        for (int memory : List.of(128, 512, 1769)) {
            ProcessBuilder start = new ProcessBuilder(task.resolve("bootstrap").toString(), "-Dsome.property=value").redirectErrorStream(true);
            start.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
            Process process = start.start();
            String arguments = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, process.waitFor());
            assertEquals("-Xmx" + memory / 2 + "m -Dsome.property=value", arguments, "at " + memory + " MB");
        }
    }

    /** Class names of the image's types are in the executable's bytes: the sandbox's must not be. */
    @Test
    void leavesTheDevSandboxOut() throws IOException {
        String image = new String(Files.readAllBytes(Path.of(System.getProperty("native.image.path"))), StandardCharsets.ISO_8859_1);
        assertTrue(image.contains("app.rechargeclose.wechatpay.WechatPayClient"), "the check reads class names");
        assertFalse(image.contains("app.rechargeclose.sandbox."), "no sandbox class");
    }
}
