package app.rechargeclose.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
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
    private static final int PINGS_IN_A_ROW = 5;
    private static final int PING_ATTEMPTS = 30;
    private static final RestAssuredConfig PING = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 2000).setParam("http.socket.timeout", 2000));

    /** The application (its CDI container) whose poll loop has answered an event. */
    private static ArcContainer polled;

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
     * Quarkus's mock event server outlives the restarts of the application (another test resource
     * or profile), and a stopped application's poll loop can leave its {@code GET …/next} open on
     * it: the server keeps polling its queue for that request and hands the next event to a
     * connection nobody reads. The first test after HandshakeHangFailoverTest lost its event that
     * way and waited out REST Assured's 30 s read timeout in 3 of 5 full runs. So before a new
     * application's first event, events no handler acts on ({@code {}}: a 404 for http, an empty
     * batch for sqs) are posted with a short timeout until {@value #PINGS_IN_A_ROW} in a row are
     * answered: every stale request takes one and is gone.
     */
    private static synchronized void awaitThisApplicationsPollLoop() {
        ArcContainer current = Arc.container(); // made anew at each start
        if (current == polled) {
            return;
        }
        int answered = 0;
        for (int attempt = 0; attempt < PING_ATTEMPTS && answered < PINGS_IN_A_ROW; attempt++) {
            try {
                given().config(PING).contentType("application/json").body("{}").when().post(eventServer()).then().statusCode(200);
                answered++;
            } catch (Exception unanswered) { // REST Assured throws the socket's timeout undeclared
                answered = 0; // a stale request took it
            }
        }
        if (answered < PINGS_IN_A_ROW) {
            throw new IllegalStateException("the poll loop did not answer " + PINGS_IN_A_ROW + " events in a row in " + PING_ATTEMPTS + " tries");
        }
        polled = current;
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
