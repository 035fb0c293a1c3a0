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
 * {@code provided.al2023}, one executable {@code bootstrap} built for this machine's architecture,
 * with neither the dev sandbox nor the AWS CRT's JNI library in it. Run by the native build only.
 */
class NativePackageIT {

    private static final Path TARGET = Path.of(System.getProperty("build.directory", "target"));
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    @Test
    void holdsOneExecutableBootstrapForThisArchitecture() throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(TARGET.resolve("function.zip")).get()) {
            List<String> names = Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getName).toList();
            assertEquals(List.of("bootstrap"), names, "the executable alone: no JNI library, no jar");
            ZipArchiveEntry bootstrap = zip.getEntry("bootstrap");
            assertEquals(0755, bootstrap.getUnixMode() & 0777, "bootstrap is executable");
            assertTrue(bootstrap.getSize() < AotPackage.UNZIPPED_LIMIT_BYTES, "under Lambda's unzipped limit: " + bootstrap.getSize());
            byte[] header = new byte[20];
            try (InputStream in = zip.getInputStream(bootstrap)) {
                assertEquals(header.length, in.readNBytes(header, 0, header.length));
            }
            assertArrayEquals(ELF_MAGIC, Arrays.copyOf(header, 4), "a Linux executable");
            int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8; // e_machine, little-endian
            assertEquals(System.getProperty("os.arch").equals("aarch64") ? 183 : 62, machine, "built for " + System.getProperty("os.arch"));
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
