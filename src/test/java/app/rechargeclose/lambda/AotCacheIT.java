package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.testing.Contract;
import app.rechargeclose.testing.EmbeddedMetrics;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.LambdaRuntimeEmulator;
import app.rechargeclose.testing.PackagedFunction;
import app.rechargeclose.testing.RunningFunction;

/**
 * The aot package's AOT cache: the unzipped package starts with it ({@code -XX:AOTMode=on}, which
 * refuses to start otherwise, as every IT here starts it) and says so; a start that cannot use it
 * still answers, and says that too, in its log and as the metric {@code AotCacheMisses}.
 */
class AotCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void eachHandlerStartsWithItsCacheMappedAndSaysSo() throws Exception {
        for (String handler : List.of("http", "sqs")) {
            try (RunningFunction running = Contract.held(RunningFunction.start(handler, environment -> { }))) {
                String event = handler.equals("http") ? Events.closeEvent("aotmapped").toString() : Events.sqsBatch(List.of("aotmapped")).toString();
                LambdaRuntimeEmulator.Outcome outcome = running.runtime().invoke(event, INVOCATION_TIMEOUT);
                assertFalse(outcome.error(), outcome.body());
                assertEquals(1, running.simulator().callsFor("aotmapped").size(), "closed through the simulator");

                JsonNode start = startLine(running.function().log());
                assertEquals(handler, start.get("Handler").asText());
                assertEquals("aot/" + handler + ".aot", start.get("aot_cache").asText());
                assertEquals(true, start.get("aot_cache_mapped").asBoolean());
                assertEquals(0, start.get("AotCacheMisses").asInt());
            }
        }
    }

    /** The package's files copied without their times, as a plain {@code cp} copies them: the JVM refuses the cache. */
    @Test
    void aStartWithoutTheCacheStillClosesAndReportsTheMiss() throws Exception {
        Path touched = PackagedFunction.freshDirectory(PackagedFunction.aotTaskRoot().resolveSibling("it-task-touched"));
        copyWithNewTimes(PackagedFunction.aotTaskRoot(), touched);
        try (RunningFunction running = Contract.held(RunningFunction.start("http", environment -> { },
                (runtime, environment) -> PackagedFunction.start(runtime, PackagedFunction.bootstrapCommand(touched), environment, touched)))) {
            JsonNode reply = JSON.readTree(running.runtime().invoke(Events.closeEvent("aotmissed").toString(), INVOCATION_TIMEOUT).body());
            assertEquals(200, reply.get("statusCode").asInt(), reply.toString());

            String log = running.function().log();
            JsonNode start = startLine(log);
            assertEquals(false, start.get("aot_cache_mapped").asBoolean());
            assertEquals(1, start.get("AotCacheMisses").asInt());
            assertFalse(log.lines().noneMatch(line -> line.contains("WARN") && line.contains("AOT cache aot/http.aot NOT mapped")), log);
        }
    }

    private static JsonNode startLine(String log) {
        List<JsonNode> starts = EmbeddedMetrics.lines(log).stream().filter(line -> line.path("event").asText().equals("start")).toList();
        assertEquals(1, starts.size(), log);
        return starts.get(0);
    }

    private static void copyWithNewTimes(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy); // attributes not copied: the time is now's; the mode's execute bits survive on Linux
                }
            }
        }
        for (String executable : List.of("bootstrap", "runtime/bin/java")) {
            to.resolve(executable).toFile().setExecutable(true);
        }
    }
}
