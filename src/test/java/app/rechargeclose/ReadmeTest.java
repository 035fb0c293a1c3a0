package app.rechargeclose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every README holds from any clone, on Linux and macOS: its links name files that exist, and its
 * shell blocks name no folder of one machine (a JDK's or Mandrel's install path, a home folder).
 */
class ReadmeTest {

    /** Folders that exist only on some machine: where one machine installed a JDK or a toolchain, or someone's home. */
    private static final Pattern MACHINE_PATH = Pattern.compile(
            "(?<![\\w.~$}/-])/(?:usr/lib/jvm|usr/local|opt|home|Users|root|work|Library|mnt|srv|snap|nix)(?:/|\\b)|\\b[A-Z]:\\\\");
    private static final Pattern SHELL_BLOCK = Pattern.compile("(?ms)^\\s*```(?:sh|bash|shell|console|zsh)\\s*$(.*?)^\\s*```\\s*$");
    /** {@code [text](target)}, the target without a title; images too. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    static Stream<Path> readmes() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(""))) {
            return files.filter(file -> file.getFileName().toString().equalsIgnoreCase("README.md"))
                    .filter(file -> Stream.of("target", "node_modules", ".git").noneMatch(skipped -> contains(file, skipped)))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmes")
    void linksNameFilesThatExistAndShellBlocksNoMachinePath(Path readme) {
        assertEquals(List.of(), violations(readme, read(readme)));
    }

    @Test
    void findsABrokenLinkAndAMachinePath() {
        String text = """
                See [the main](src/main/java/app/rechargeclose/lambda/LambdaMain.java), [ok](pom.xml),
                [web](https://example.com/x) and [here](#the-commands).
                ```sh
                export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
                export GRAALVM_HOME=/opt/mandrel-java25-25.0.2.0-Final   # and /Users/me/graal
                cat "$HOME/.cache/x" file:///dev/stdin ./scripts/jdk25-home
                ```
                """;
        assertEquals(List.of(
                "README.md: link to a file that does not exist: src/main/java/app/rechargeclose/lambda/LambdaMain.java",
                "README.md: a path of one machine in a shell block: export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64",
                "README.md: a path of one machine in a shell block: export GRAALVM_HOME=/opt/mandrel-java25-25.0.2.0-Final   # and /Users/me/graal"),
                violations(Path.of("README.md"), text));
    }

    static List<String> violations(Path readme, String text) {
        List<String> found = new ArrayList<>();
        Path folder = readme.toAbsolutePath().getParent();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1).replaceFirst("#.*$", "");
            if (!target.isEmpty() && !target.matches("^[a-z][a-z0-9+.-]*:.*") && !Files.exists(folder.resolve(target))) {
                found.add(readme + ": link to a file that does not exist: " + link.group(1));
            }
        }
        Matcher block = SHELL_BLOCK.matcher(text);
        while (block.find()) {
            block.group(1).lines().filter(line -> MACHINE_PATH.matcher(line).find())
                    .forEach(line -> found.add(readme + ": a path of one machine in a shell block: " + line.trim()));
        }
        return found;
    }

    private static boolean contains(Path file, String folder) {
        for (Path part : file) {
            if (part.toString().equals(folder)) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
