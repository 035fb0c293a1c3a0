package app.rechargeclose.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the CloudWatch Embedded Metric Format lines out of a function's log and checks each
 * against the format's rules: every declared metric is a number at the top level, every
 * dimension a string, the timestamp in epoch milliseconds.
 */
public final class EmbeddedMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetrics() {
    }

    public static List<JsonNode> lines(String log) {
        List<JsonNode> lines = log.lines().filter(line -> line.startsWith("{\"_aws\"")).map(EmbeddedMetrics::parse).toList();
        lines.forEach(EmbeddedMetrics::assertValid);
        return lines;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + line, e);
        }
    }

    private static void assertValid(JsonNode line) {
        JsonNode aws = line.get("_aws");
        assertTrue(aws.get("Timestamp").isIntegralNumber(), line.toString());
        for (JsonNode directive : aws.get("CloudWatchMetrics")) {
            assertTrue(directive.get("Namespace").isTextual(), line.toString());
            directive.get("Dimensions").forEach(set -> set.forEach(dimension -> assertTrue(line.path(dimension.asText()).isTextual(),
                    "dimension " + dimension + " in " + line)));
            directive.get("Metrics").forEach(metric -> assertTrue(line.path(metric.get("Name").asText()).isNumber(),
                    "metric " + metric + " in " + line));
        }
    }
}
