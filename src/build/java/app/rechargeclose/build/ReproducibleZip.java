package app.rechargeclose.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Zips written so that the same files give the same bytes, whenever and wherever they are built:
 * entries in name order, every one with the time {@link #ENTRY_TIME} and a fixed Unix mode. The
 * time matters beyond reproducibility: Lambda keeps a zip entry's time on the unzipped file, and an
 * AOT cache is refused when a jar's time differs from training, so training runs on files with this
 * time too ({@link #setTimes}).
 *
 * <p>A zip entry's time is a DOS date and time without a time zone; Lambda unzips in UTC. The build
 * runs this class with {@code -Duser.timezone=UTC} (pom.xml), so the fields written are the UTC ones.
 */
final class ReproducibleZip {

    static final FileTime ENTRY_TIME = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final int DIRECTORY = 040755;
    private static final int EXECUTABLE = 0100755;
    private static final int FILE = 0100644;

    private ReproducibleZip() {
    }

    /** Zips every file under {@code root}; files that are executable there stay executable. */
    static void write(Path root, Path zip) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(path -> !path.equals(root)).sorted(Comparator.comparing(path -> name(root, path))).toList();
        }
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(Files.newOutputStream(zip))) {
            for (Path path : paths) {
                boolean directory = Files.isDirectory(path);
                ZipArchiveEntry entry = entry(name(root, path), directory ? DIRECTORY : Files.isExecutable(path) ? EXECUTABLE : FILE);
                out.putArchiveEntry(entry);
                if (!directory) {
                    Files.copy(path, out);
                }
                out.closeArchiveEntry();
            }
        }
    }

    /** Gives {@code root} and everything under it the time {@link #ENTRY_TIME}. */
    static void setTimes(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                Files.setLastModifiedTime(path, ENTRY_TIME);
            }
        }
    }

    private static ZipArchiveEntry entry(String name, int mode) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(ENTRY_TIME.toMillis());
        entry.setUnixMode(mode);
        return entry;
    }

    private static String name(Path root, Path path) {
        String name = root.relativize(path).toString().replace('\\', '/');
        return Files.isDirectory(path) ? name + "/" : name;
    }
}
