package app.rechargeclose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layers point one way (README, "How it is built"), checked on the sources: a change that makes
 * the protocol know the use case or the configuration, or the use case know Lambda or decide by an
 * HTTP status, fails here.
 */
class LayersTest {

    private static final Path MAIN = Path.of("src/main/java/app/rechargeclose");

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("wechatpay", "import app\\.rechargeclose\\.(recharge|lambda|telemetry|config|startup)\\."),
                // config/ makes the use case from the settings; the use case takes them as values
                Arguments.of("config", "import app\\.rechargeclose\\.(lambda|telemetry|startup)\\."),
                Arguments.of("recharge", "import (app\\.rechargeclose\\.(lambda|telemetry|config)\\.|com\\.amazonaws\\.|org\\.eclipse\\.microprofile\\.config)"),
                Arguments.of("aws", "import app\\.rechargeclose\\."),
                // the outcome events know the bus and their own value, nothing of the close that made them
                Arguments.of("events", "import app\\.rechargeclose\\.(lambda|telemetry|startup|config|recharge|scheduler|wechatpay)\\."),
                Arguments.of("scheduler", "import app\\.rechargeclose\\.(lambda|telemetry|startup|config|wechatpay)\\."),
                Arguments.of("telemetry", "import app\\.rechargeclose\\.(lambda|startup|config)\\."),
                Arguments.of("lambda", "import app\\.rechargeclose\\.startup\\."),
                Arguments.of("recharge", "\\bstatus(Code)?\\(|\\b[2-5]0[0-9]\\b|APIGateway|SQSEvent"));
    }

    @ParameterizedTest(name = "{0}/ has no line matching {1}")
    @MethodSource("rules")
    void aLayerKnowsNothingAboveIt(String layer, String forbidden) {
        Pattern pattern = Pattern.compile(forbidden);
        List<String> offences = sources(MAIN.resolve(layer)).flatMap(file -> lines(file).stream()
                .filter(line -> !isComment(line) && pattern.matcher(line).find())
                .map(line -> MAIN.relativize(file) + ": " + line.trim())).toList();
        assertEquals(List.of(), offences);
    }

    /**
     * The packaging code, the benchmark and the shared harness build with the tests but import none:
     * what they share with the tests lives in src/harness.
     */
    @ParameterizedTest(name = "{0} imports no test class")
    @ValueSource(strings = {"src/build/java", "bench/src", "src/harness/java", "src/dev/java"})
    void sharedCodeImportsNoTest(String root) {
        Pattern appImport = Pattern.compile("^import (app\\.rechargeclose\\.[\\w.]+);");
        List<String> offences = sources(Path.of(root)).flatMap(file -> lines(file).stream()
                .map(appImport::matcher).filter(Matcher::find)
                .filter(match -> Files.exists(Path.of("src/test/java", match.group(1).replace('.', '/') + ".java")))
                .map(match -> file + ": " + match.group(1))).toList();
        assertEquals(List.of(), offences);
    }

    /** Comments may tell what WeChat Pay answers (a 400, a 5xx); code may not decide by a status. */
    private static boolean isComment(String line) {
        String text = line.trim();
        return text.startsWith("*") || text.startsWith("/*") || text.startsWith("//");
    }

    private static Stream<Path> sources(Path directory) {
        try {
            return Files.walk(directory).filter(file -> file.toString().endsWith(".java")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
