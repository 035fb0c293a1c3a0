package app.rechargeclose.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.LambdaRuntimeEmulator.Outcome;

/** The contract checker finds what breaks api/, and every IT's function is held to it. */
class ContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECHARGE = "{\"sp_mchid\":\"1900000109\",\"sub_mchid\":\"1900001121\",\"out_recharge_no\":\"cz1\",\"recharge_state\":\"CLOSED\",\"new_field\":1}";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "200 | " + RECHARGE,
            "409 | {\"code\":\"RECHARGE_ALREADY_PAID\",\"message\":\"paid\",\"request_id\":\"X-0\",\"recharge\":" + RECHARGE + "}",
            "502 | {\"code\":\"UPSTREAM_UNVERIFIED\",\"message\":\"no\"}",
            "504 | {\"code\":\"UPSTREAM_TIMEOUT\",\"message\":\"late\"}",
            "404 | {\"code\":\"ORDER_NOT_EXIST\",\"message\":\"WeChat Pay's own\"}",
            "202 | {\"code\":\"SCHEDULED\",\"message\":\"m\",\"out_recharge_no\":\"cz1\",\"sub_mchid\":\"1900001121\",\"close_at\":\"2027-01-01T10:30:01Z\",\"schedule\":\"close-0123456789abcdef0123456789abcdef01234567\"}"})
    void keepsAnswersTheDocumentDeclares(int status, String body) throws Exception {
        assertEquals(List.of(), Contract.check(close("POST", "cz1"), answer(status, body), Set.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "418 | {\"code\":\"TEAPOT\",\"message\":\"undeclared status\"}",
            "200 | {\"recharge_state\":\"CLOSED\"}",
            "502 | {\"code\":\"CLOSED\",\"message\":\"an error body that claims a close\"}",
            "504 | {\"code\":\"UPSTREAM_UNAVAILABLE\",\"message\":\"the code of another status\"}",
            "409 | {\"code\":\"RECHARGE_NOT_CLOSED\",\"message\":\"without its recharge\"}",
            "502 | {\"message\":\"no code\"}",
            "202 | {\"code\":\"SCHEDULED\",\"message\":\"m\",\"out_recharge_no\":\"cz1\",\"sub_mchid\":\"1900001121\",\"close_at\":\"2027-01-01T10:30:00.600Z\",\"schedule\":\"close-0123456789abcdef0123456789abcdef01234567\"}"})
    void findsAnswersTheDocumentDoesNotDeclare(int status, String body) throws Exception {
        assertFalse(Contract.check(close("POST", "cz1"), answer(status, body), Set.of()).isEmpty());
    }

    @Test
    void aNoContentAnswerHasNoBodyAndNoContentType() throws Exception {
        assertEquals(List.of(), Contract.check(close("DELETE", "cz1"), noContent(false), Set.of()));
        assertFalse(Contract.check(close("DELETE", "cz1"), noContent(true), Set.of()).isEmpty());
    }

    @Test
    void holdsATakenRequestToTheDocumentButNotOneTheFunctionRefused() throws Exception {
        ObjectNode badCloseAt = close("POST", "cz1");
        badCloseAt.with("queryStringParameters").put("close_at", "tomorrow");
        assertTrue(Contract.check(badCloseAt, answer(400, "{\"code\":\"INVALID_ARGUMENT\",\"message\":\"m\"}"), Set.of()).isEmpty(),
                "the function refused it: the document describes the answer");
        List<String> taken = Contract.check(badCloseAt, answer(502, "{\"code\":\"SCHEDULER_UNAVAILABLE\",\"message\":\"m\"}"), Set.of());
        assertFalse(taken.isEmpty(), "taken, it had to be a request the document allows");
        assertTrue(taken.stream().allMatch(violation -> violation.startsWith("request close_at: ")), taken.toString());
    }

    @Test
    void anSqsCommandKeepsTheSchemaUnlessItWasSentToBeRefused() throws Exception {
        ObjectNode batch = Events.sqsBatch(List.of("cz1"));
        assertEquals(List.of(), Contract.check(batch, new Outcome(false, "{}"), Set.of()));
        String refused = batch.get("Records").get(0).get("body").asText();
        assertEquals(1, Contract.check(batch, new Outcome(false, "{}"), Set.of(refused)).size());
        assertFalse(Contract.commandViolations("{\"out_recharge_no\": \"sqs-bad\", \"sub_mchid\": \"1900001121\"}").isEmpty());
        assertFalse(Contract.commandViolations("{\"out_recharge_no\": \"cz1\"}").isEmpty());
        assertEquals(List.of(), Contract.commandViolations("{\"out_recharge_no\": \"cz1\", \"sub_mchid\": 1900001121}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-close.json", "http-close-json-body.json", "http-schedule-close.json", "http-cancel-close.json"})
    void theReadmeSamplesAreRequestsTheDocumentAllows(String sample) throws Exception {
        JsonNode event = Events.sample(sample);
        String method = event.path("requestContext").path("http").path("method").asText();
        Outcome answer = method.equals("DELETE") ? noContent(false) : answer(502, "{\"code\":\"UPSTREAM_UNAVAILABLE\",\"message\":\"m\"}");
        assertEquals(List.of(), Contract.check(event, answer, Set.of()));
    }

    @Test
    void everyPackagedFunctionOfAnItIsHeldToTheContract() throws IOException {
        try (Stream<Path> its = Files.list(Path.of("src/test/java/app/rechargeclose/lambda"))) {
            List<String> unheld = its.filter(file -> file.getFileName().toString().endsWith("IT.java"))
                    .flatMap(file -> lines(file).stream().filter(line -> line.contains("RunningFunction.start(") && !line.contains("Contract.held("))
                            .map(line -> file.getFileName() + ": " + line.trim()))
                    .toList();
            assertEquals(List.of(), unheld);
        }
    }

    private static ObjectNode close(String method, String outRechargeNo) {
        ObjectNode event = Events.closeEvent(outRechargeNo);
        event.with("requestContext").with("http").put("method", method);
        return event;
    }

    private static Outcome answer(int status, String body) throws Exception {
        ObjectNode response = JSON.createObjectNode().put("statusCode", status).put("body", body);
        response.putObject("headers").put("content-type", "application/json");
        return new Outcome(false, JSON.writeValueAsString(response));
    }

    private static Outcome noContent(boolean withContentType) throws Exception {
        ObjectNode response = JSON.createObjectNode().put("statusCode", 204).put("body", "");
        ObjectNode headers = response.putObject("headers");
        if (withContentType) {
            headers.put("content-type", "application/json");
        }
        return new Outcome(false, JSON.writeValueAsString(response));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
