package app.rechargeclose.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The way into a {@code @QuarkusTest}'s handler: an event posted to Quarkus's mock Lambda event
 * server (REST Assured), and the handler's answer read back.
 */
public final class MockLambda {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the running application's poll loop finds the mock event server ({@code host:port}). */
    private static final String TEST_API = "quarkus-internal.aws-lambda.test-api";

    private MockLambda() {
    }

    /**
     * The handler's answer as text; the event server itself must have answered 200. Posted to the
     * event server the running application polls, by the address its poll loop uses: REST
     * Assured's default port can still name the server of the application a restart (another
     * test resource or profile) just stopped, whose queue no poll loop reads any more, and the
     * first event after the restart then waits out the read timeout.
     */
    public static String post(JsonNode event) {
        String eventServer = "http://" + ConfigProvider.getConfig().getValue(TEST_API, String.class) + "/_lambda_";
        return given().contentType("application/json").body(event.toString()).when().post(eventServer).then().statusCode(200).extract().asString();
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
