package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the JVM-mode package, {@code target/function.zip}, holds. */
class FunctionPackageIT {

    @BeforeAll
    static void jvmModeOnly() {
        Assumptions.assumeFalse(Boolean.getBoolean("native.enabled"), "a native package holds an executable, no jars");
    }

    @Test
    void leavesTheDevSandboxOutOfThePackage() throws IOException {
        try (JarFile jar = new JarFile(System.getProperty("runner.jar"))) {
            List<String> sandbox = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("app/rechargeclose/sandbox/") && name.endsWith(".class") || name.startsWith("dev-sandbox/")
                            && !name.endsWith("/"))
                    .toList();
            assertEquals(List.of(), sandbox);
            assertTrue(jar.getEntry("app/rechargeclose/wechatpay/WechatPayClient.class") != null);
        }
    }

    /** src/build/StoreLibrariesUncompressed.java: every library, entry by entry the same content, none of it deflated. */
    @Test
    void storesItsLibrariesUncompressedWithTheirContentUnchanged() throws IOException {
        Path libraries = Path.of(System.getProperty("runner.jar")).resolveSibling("lib");
        int checked = 0;
        try (ZipFile functionZip = new ZipFile(System.getProperty("function.zip"))) {
            for (ZipEntry entry : functionZip.stream().filter(entry -> entry.getName().matches("lib/[^/]+\\.jar")).toList()) {
                List<String> deflated = new ArrayList<>();
                Map<String, Long> packaged = contentChecksums(functionZip.getInputStream(entry), deflated);
                String name = entry.getName().substring("lib/".length());
                assertEquals(List.of(), deflated, name);
                assertEquals(contentChecksums(Files.newInputStream(libraries.resolve(name)), new ArrayList<>()), packaged, name);
                checked++;
            }
        }
        assertTrue(checked > 100, "only " + checked + " jars in lib/");
    }

    /** @return the jar's entry names and the CRC-32s of their contents, in order; {@code deflated} gets the names of deflated entries */
    private static Map<String, Long> contentChecksums(InputStream jar, List<String> deflated) throws IOException {
        Map<String, Long> checksums = new LinkedHashMap<>();
        try (ZipInputStream entries = new ZipInputStream(jar)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                CRC32 crc = new CRC32();
                crc.update(entries.readAllBytes());
                checksums.put(entry.getName(), crc.getValue());
                if (entry.getMethod() != ZipEntry.STORED) {
                    deflated.add(entry.getName());
                }
            }
        }
        return checksums;
    }
}
