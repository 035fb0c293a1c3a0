package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;

import app.rechargeclose.build.AotPackage;

/** What the aot package, {@code target/function.zip} of the JVM build, holds. */
class FunctionPackageIT {

    /** The one time every entry has (ReproducibleZip), as the DOS date and time fields a zip stores: Lambda reads them in UTC. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private static final Path TARGET = Path.of(System.getProperty("build.directory", "target"));

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

    /** What provided.al2023 needs: an executable bootstrap, the bundled JDK, the function, and a cache per handler. */
    @Test
    void theAotPackageHoldsItsBootstrapRuntimeFunctionAndACachePerHandler() throws IOException {
        try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(TARGET.resolve("function.zip")).get()) {
            for (String executable : List.of("bootstrap", "runtime/bin/java")) {
                ZipArchiveEntry entry = zip.getEntry(executable);
                assertTrue(entry != null, executable);
                assertEquals(0755, entry.getUnixMode() & 0777, executable + " is executable");
            }
            for (String file : List.of("function.jar", "aot/http.aot", "aot/sqs.aot", "runtime/lib/modules", "runtime/lib/security/cacerts")) {
                assertTrue(zip.getEntry(file) != null, file);
            }
            assertTrue(Collections.list(zip.getEntries()).stream().filter(entry -> entry.getName().matches("lib/[^/]+\\.jar")).count() > 100, "lib/ jars");
            long unzipped = Collections.list(zip.getEntries()).stream().mapToLong(ZipArchiveEntry::getSize).sum();
            assertTrue(unzipped < AotPackage.UNZIPPED_LIMIT_BYTES, "under Lambda's unzipped limit: " + unzipped);
        }
    }

    /**
     * A reproducible zip: entries in name order, every one with the same time. The cache also needs
     * the time: Lambda keeps an entry's time on the unzipped file, and the cache is refused for a jar
     * whose time differs from training.
     */
    @Test
    void hasFixedEntryTimesAndSortedNames() throws IOException {
        try (ZipFile zip = new ZipFile(TARGET.resolve("function.zip").toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                assertEquals(ENTRY_TIME, entry.getTimeLocal(), entry.getName());
                names.add(entry.getName());
            }
            assertEquals(names.stream().sorted().toList(), names, "entries in name order");
        }
    }

    /** Lambda talks to WeChat Pay over https: the bundled runtime must trust the roots of WeChat Pay's API certificates (DigiCert). */
    @Test
    void theBundledRuntimeTrustsTheRootsOfWeChatPaysCertificates() throws IOException, GeneralSecurityException {
        KeyStore cacerts = KeyStore.getInstance("PKCS12");
        try (var zip = new ZipFile(TARGET.resolve("function.zip").toFile());
                InputStream in = zip.getInputStream(zip.getEntry("runtime/lib/security/cacerts"))) {
            cacerts.load(in, null);
        }
        List<String> subjects = new ArrayList<>();
        for (String alias : Collections.list(cacerts.aliases())) {
            if (cacerts.getCertificate(alias) instanceof X509Certificate certificate) {
                subjects.add(certificate.getSubjectX500Principal().getName());
            }
        }
        assertTrue(subjects.size() > 50, "a full CA bundle: " + subjects.size());
        for (String root : List.of("CN=DigiCert Global Root G2", "CN=DigiCert Global Root CA")) {
            assertTrue(subjects.stream().anyMatch(subject -> subject.startsWith(root + ",")), root);
        }
    }
}
