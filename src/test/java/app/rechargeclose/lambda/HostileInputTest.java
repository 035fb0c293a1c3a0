package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Input an attacker or a broken caller sends the http handler: a clear 4xx, never an exception, never an upstream call. */
@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(SimulatorResource.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"/recharges/..%2F..%2Fv3%2Fpay/close", "/recharges/../close", "/recharges/cz%32/close", "/recharges/%00/close",
        "/recharges/cz2020042013%3Fsub_mchid%3D1/close", "/recharges/ｃｚ2020/close"})
    void refusesTraversalAndEncodingTricksInTheRawPath(String rawPath) throws Exception {
        ObjectNode event = Events.closeEvent("ignored");
        event.put("routeKey", "$default").put("rawPath", rawPath).remove("pathParameters");

        assertRefused(event, 400, "INVALID_ARGUMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/../b", "cz2020 042013", "cz2020042013?sub_mchid=1", "", "cz\u0000"})
    void refusesABadDecodedPathParameter(String outRechargeNo) throws Exception {
        ObjectNode event = Events.closeEvent("ignored");
        event.with("pathParameters").put("out_recharge_no", outRechargeNo);

        assertRefused(event, 400, "INVALID_ARGUMENT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"１９００００１１２１", "1900001121 ", "-1900001121", "1900001121,1900001122", "123456789012345678901234567890123"})
    void refusesASubMchidThatIsNotPlainAsciiDigits(String subMchid) throws Exception {
        ObjectNode event = Events.closeEvent("hostilesub");
        event.with("queryStringParameters").put("sub_mchid", subMchid);

        assertRefused(event, 400, "INVALID_ARGUMENT");
    }

    @Test
    void refusesAHugeBodyWithoutParsingIt() throws Exception {
        ObjectNode event = Events.closeEvent("hostilehuge");
        event.remove("queryStringParameters");
        event.put("body", "{\"sub_mchid\": \"1900001121\", \"pad\": \"" + "x".repeat(1 << 20) + "\"}");

        JsonNode body = assertRefused(event, 400, "INVALID_ARGUMENT");
        assertTrue(body.get("message").asText().contains("larger than"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "e30"})
    void refusesABodyMarkedBase64ThatIsNotAnObject(String body) throws Exception {
        ObjectNode event = Events.closeEvent("hostileb64");
        event.remove("queryStringParameters");
        event.put("isBase64Encoded", true).put("body", body);

        assertRefused(event, 400, "INVALID_ARGUMENT");
    }

    /** With a key twice, the last one would win: which sub-merchant's recharge is closed would be the parser's choice. */
    @Test
    void refusesABodyWithAFieldTwice() throws Exception {
        ObjectNode event = Events.closeEvent("hostiledup");
        event.remove("queryStringParameters");
        event.put("body", "{\"sub_mchid\": \"1900001121\", \"sub_mchid\": \"1900009999\"}");

        JsonNode body = assertRefused(event, 400, "INVALID_ARGUMENT");
        assertEquals("the request body has a field twice", body.get("message").asText());
    }

    @Test
    void refusesANullBodyField() throws Exception {
        ObjectNode event = Events.closeEvent("hostilenull");
        event.remove("queryStringParameters");
        event.put("body", Base64.getEncoder().encodeToString("{\"sub_mchid\": null}".getBytes()));
        event.put("isBase64Encoded", true);

        assertRefused(event, 400, "INVALID_ARGUMENT");
    }

    @Test
    void answersAnEventOfAnotherShapeWith404() throws Exception {
        assertRefused((ObjectNode) JSON.readTree(Events.sample("sqs-batch.json").toString()), 404, "NOT_FOUND");
        assertRefused(JSON.createObjectNode(), 404, "NOT_FOUND");
    }

    @Test
    void answersAnEventWithoutARequestContextWith405() throws Exception {
        ObjectNode event = Events.closeEvent("hostilenoctx");
        event.remove("requestContext");
        assertRefused(event, 405, "METHOD_NOT_ALLOWED");
    }

    private static JsonNode assertRefused(ObjectNode event, int status, String code) throws Exception {
        int callsBefore = SimulatorResource.simulator().calls().size();
        String raw = MockLambda.post(event);
        JsonNode response = JSON.readTree(raw);
        JsonNode body = JSON.readTree(response.get("body").asText());

        assertEquals(status, response.get("statusCode").asInt(), raw.length() > 500 ? raw.substring(0, 500) : raw);
        assertEquals(code, body.get("code").asText());
        assertEquals(callsBefore, SimulatorResource.simulator().calls().size(), "WeChat Pay is not called");
        return body;
    }
}
