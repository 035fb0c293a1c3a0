import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a JVM-mode {@code function.zip} so that the jars in its {@code lib/} store their entries
 * uncompressed. Lambda unzips the package into {@code /var/task} but leaves the jars in it as they
 * are, and a cold start reads about 4,000 classes out of them: inflating those took 0.14 s of a
 * 1.9 s start here (bench/README.md). The package itself stays compressed for the upload. The
 * entries' bytes do not change, so signed jars stay valid. A package without jars in {@code lib/}
 * (the native one) is left as it is.
 *
 * <p>Run by Maven after Quarkus writes the package: {@code java src/build/StoreLibrariesUncompressed.java target/function.zip}.
 */
public final class StoreLibrariesUncompressed {

    public static void main(String[] args) throws IOException {
        Path zip = Path.of(args[0]);
        Path rewritten = zip.resolveSibling(zip.getFileName() + ".tmp");
        int jars = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (isLibraryJar(entry.getName())) {
                    content = uncompressed(content);
                    jars++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        }
        if (jars == 0) {
            Files.delete(rewritten);
            return;
        }
        Files.move(rewritten, zip, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: %d jars in lib/ now store their entries uncompressed%n", zip, jars);
    }

    private static boolean isLibraryJar(String name) {
        return name.startsWith("lib/") && name.endsWith(".jar") && name.indexOf('/', "lib/".length()) < 0;
    }

    /** The same jar, its entries in the same order, each stored instead of deflated. */
    private static byte[] uncompressed(byte[] jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(jar.length * 3);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry stored = new ZipEntry(entry.getName());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(content.length);
                stored.setCompressedSize(content.length);
                stored.setCrc(crc.getValue());
                stored.setTime(entry.getTime());
                out.putNextEntry(stored);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private StoreLibrariesUncompressed() {
    }
}
