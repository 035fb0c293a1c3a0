package app.rechargeclose.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.Application;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * The way into a {@code @QuarkusTest}'s handler: an event posted to Quarkus's mock Lambda event
 * server (REST Assured), and the handler's answer read back.
 */
public final class MockLambda {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the running application's poll loop finds the mock event server ({@code host:port}). */
    private static final String TEST_API = "quarkus-internal.aws-lambda.test-api";
    private static final int PING_ATTEMPTS = 5;
    private static final RestAssuredConfig PING = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 2000).setParam("http.socket.timeout", 3000));

    /** The application whose poll loop has answered an event. */
    private static Application polled;

    private MockLambda() {
    }

    /** The handler's answer as text; the event server itself must have answered 200. */
    public static String post(JsonNode event) {
        awaitThisApplicationsPollLoop();
        return given().contentType("application/json").body(event.toString()).when().post(eventServer()).then().statusCode(200).extract().asString();
    }

    /** Where the running application's poll loop finds Quarkus's mock event server. */
    private static String eventServer() {
        return "http://" + ConfigProvider.getConfig().getValue(TEST_API, String.class) + "/_lambda_";
    }

    /**
     * The mock event server outlives a restart of the application (another test resource or
     * profile), and the stopped application's poll loop can leave a {@code GET …/next} open on it
     * that takes the next event to nowhere: the first event of a test class then waited out REST
     * Assured's 30 s read timeout (2 of 3 full runs, the first test after HandshakeHangFailoverTest).
     * So before a new application's first event, an event no handler acts on ({@code {}}: a
     * 404 for http, no message for sqs) is posted with a short timeout until one is answered,
     * which spends the stale request.
     */
    private static synchronized void awaitThisApplicationsPollLoop() {
        Application current = Application.currentApplication();
        if (current == polled) {
            return;
        }
        for (int attempt = 0; attempt < PING_ATTEMPTS; attempt++) {
            try {
                given().config(PING).contentType("application/json").body("{}").when().post(eventServer()).then().statusCode(200);
                polled = current;
                return;
            } catch (Exception unanswered) { // REST Assured throws the socket's timeout undeclared
                // the stale poll took it: the next one reaches this application's poll loop
            }
        }
        throw new IllegalStateException("no poll loop answered an event in " + PING_ATTEMPTS + " tries");
    }

    /** An API Gateway event through the http handler. */
    public static HttpReply http(JsonNode event) throws Exception {
        return HttpReply.of(post(event));
    }

    /** An SQS event through the sqs handler: the ids it reported for a retry, in its order. */
    public static List<String> failedIds(JsonNode event) throws Exception {
        return failedIdsOf(post(event));
    }

    /** The message ids an {@code SQSBatchResponse}'s JSON reports for a retry, in its order. */
    public static List<String> failedIdsOf(String response) throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(response).get("batchItemFailures").forEach(failure -> ids.add(failure.get("itemIdentifier").asText()));
        return ids;
    }

    /** An API Gateway response: status, body (parsed and as text), and WeChat Pay's Request-ID header. */
    public record HttpReply(int status, JsonNode body, String requestId, String rawBody) {

        /** Reads a handler's {@code APIGatewayV2HTTPResponse} JSON; every answer of ours is JSON. */
        public static HttpReply of(String response) throws Exception {
            JsonNode parsed = JSON.readTree(response);
            assertNotNull(parsed.get("statusCode"), response);
            JsonNode headers = parsed.path("headers");
            assertEquals("application/json", headers.path("content-type").asText());
            String body = parsed.get("body").asText();
            return new HttpReply(parsed.get("statusCode").asInt(), JSON.readTree(body), headers.path("wechatpay-request-id").asText(null), body);
        }
    }
}
