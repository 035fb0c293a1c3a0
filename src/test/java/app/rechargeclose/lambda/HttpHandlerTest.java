package app.rechargeclose.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import app.rechargeclose.sandbox.Scenario;
import app.rechargeclose.sandbox.WeChatPaySimulator;
import app.rechargeclose.testing.ErrorTable;
import app.rechargeclose.testing.Events;
import app.rechargeclose.testing.MockLambda.HttpReply;
import app.rechargeclose.testing.MockLambda;
import app.rechargeclose.testing.SimulatorResource;
import app.rechargeclose.testing.TestKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The API Gateway handler, driven through the mock event server against the WeChat Pay simulator. */
@QuarkusTest
@TestProfile(HttpHandlerProfile.class)
@WithTestResource(SimulatorResource.class)
class HttpHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void closesTheRechargeWithASignedRequestAndReturnsTheVerifiedObject() throws Exception {
        HttpReply reply = MockLambda.http(Events.sample("http-close.json"));

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals("cz2020042013", reply.body().get("out_recharge_no").asText());
        assertEquals(TestKeys.MCHID, reply.body().get("sp_mchid").asText());
        assertEquals(100000, reply.body().get("recharge_amount").get("amount").asLong());
        assertTrue(reply.requestId().matches("[0-9A-F]{44}-0"), reply.requestId());

        WeChatPaySimulator.Call call = onlyCall("cz2020042013");
        assertTrue(call.signatureValid(), "the simulator's own verification accepted our Authorization");
        assertEquals("POST", call.method());
        assertEquals("/v3/platsolution/ecommerce/recharges/out-recharge-no/cz2020042013/close?sub_mchid=1900001121", call.uri());
        assertEquals("application/json", call.accept());
        assertTrue(call.userAgent().matches("recharge-close/1\\.0\\.0 \\(Linux; [^)]+\\) Java/" + Runtime.version().feature() + "([.+-].*)?"),
                call.userAgent());
        assertEquals(TestKeys.PUBLIC_KEY_ID, call.wechatpaySerial());
    }

    @Test
    void readsSubMchidFromAJsonBody() throws Exception {
        HttpReply reply = MockLambda.http(Events.sample("http-close-json-body.json"));
        assertEquals(200, reply.status());
        assertEquals("1900001121", reply.body().get("sub_mchid").asText());
    }

    @Test
    void readsAJsonNumberSubMchidAsItsDigitsFromABase64Body() throws Exception {
        ObjectNode event = Events.closeEvent("httpb64");
        event.remove("queryStringParameters");
        event.put("isBase64Encoded", true).put("body", Base64.getEncoder().encodeToString("{\"sub_mchid\": 1900001122}".getBytes()));
        HttpReply reply = MockLambda.http(event);
        assertEquals(200, reply.status());
        assertTrue(onlyCall("httpb64").uri().endsWith("?sub_mchid=1900001122"));
    }

    @Test
    void passesTheCurrentSchemaThroughUnchanged() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent("current1"));
        JsonNode body = reply.body();
        assertEquals("ONLINE_BANK", body.get("recharge_channel").asText());
        assertEquals("OPERATION", body.get("account_type").asText());
        assertEquals("ECOMMERCE_PAYMENT", body.get("recharge_scene").asText());
        assertEquals("深圳某某科技有限公司", body.get("online_bank_recharge_info").get("bank_account_name").asText());
        assertEquals(List.of("BANK_TRANSFER", "QR_RECHARGE", "ONLINE_BANK"),
                JSON.convertValue(body.get("available_recharge_channels"), List.class));
        assertEquals("2025-08-20T14:29:35+08:00", body.get("close_time").asText());
    }

    @Test
    void acceptsTheSeedEraSchema() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.SEED.outRechargeNo("1")));
        assertEquals(200, reply.status());
        assertEquals("BASIC", reply.body().get("account_type").asText());
        assertEquals("NORMAL_BANK_TRANSFER", reply.body().get("recharge_scene").asText());
        assertEquals("BANK_TRANSFER", reply.body().get("recharge_channel").asText());
        assertEquals("20150806125346", reply.body().get("bank_transfer_info").get("bill_no").asText());
        assertFalse(reply.body().has("online_bank_recharge_info"));
    }

    @Test
    void passesUnknownEnumValuesAndFieldsThroughUnchanged() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.NEWENUM.outRechargeNo("1")));
        assertEquals(200, reply.status());
        JsonNode body = reply.body();
        assertEquals("DIGITAL_WALLET", body.get("recharge_channel").asText());
        assertEquals("MARKETING", body.get("account_type").asText());
        assertEquals("ECOMMERCE_REFUND", body.get("recharge_scene").asText());
        assertEquals("DIGITAL_WALLET", body.get("available_recharge_channels").get(1).asText());
        assertEquals("P2026", body.get("promotion_info").get("promotion_id").asText());
        assertEquals("HKD", body.get("recharge_amount").get("payer_currency").asText());
        assertTrue(reply.rawBody().contains("\"rate\":1.10"), "numbers pass through as WeChat Pay wrote them");
    }

    /** Only which recharge and its state are read: a field we do not use may change JSON type, and passes through as it came. */
    @Test
    void closesWhenFieldsItDoesNotUseChangeType() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.RETYPED.outRechargeNo("1")));
        assertEquals(200, reply.status(), reply.rawBody());
        assertEquals("1000.00", reply.body().get("recharge_amount").textValue());
        assertEquals("ONLINE_BANK", reply.body().get("available_recharge_channels").textValue());
        assertEquals("ICBC", reply.body().get("online_bank_recharge_info").get(0).textValue());
        assertEquals(1722344841L, reply.body().get("accept_time").longValue());
    }

    /**
     * A verified answer whose meaning would be the parser's guess (recharge_state twice, the last
     * saying CLOSED) or too large to be a recharge is no answer: the query decides, and says RECHARGING.
     */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"DUPSTATE", "HUGE"})
    void anAnswerThatCannotBeReadForSureIsSettledByTheQuery(Scenario scenario) throws Exception {
        String outRechargeNo = scenario.outRechargeNo("1");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(502, reply.status(), reply.rawBody().length() > 300 ? reply.rawBody().substring(0, 300) : reply.rawBody());
        assertEquals("UPSTREAM_UNAVAILABLE", reply.body().get("code").asText());
        assertEquals(1, SimulatorResource.simulator().callsFor(outRechargeNo).size(), "an unreadable 2xx is never retried");
        assertEquals(1, SimulatorResource.simulator().queriesFor(outRechargeNo).size());
    }

    @Test
    void acceptsAnswersSignedByAPlatformCertificateDuringTheSwitch() throws Exception {
        assertEquals(200, MockLambda.http(Events.closeEvent(Scenario.CERT.outRechargeNo("1"))).status());
    }

    @Test
    void passesTheQrRechargePayerOnToTheCaller() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.QR.outRechargeNo("1")));
        assertEquals("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", reply.body().get("qr_recharge_info").get("openid").asText());
        assertEquals("ADMIN", reply.body().get("qr_recharge_info").get("employee_type").asText());
    }

    /** Every row of the error table: status, code, and the closes and queries made on the way. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("app.rechargeclose.testing.ErrorTable#upstreamFailures")
    void answersEveryUpstreamFailureWithItsStatusAndCode(ErrorTable.Row row) throws Exception {
        String outRechargeNo = row.scenario().outRechargeNo("x");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(row.status(), reply.status());
        assertEquals(row.code(), reply.body().get("code").asText());
        assertFalse(reply.body().get("message").asText().isBlank());
        assertFalse(reply.body().has("recharge_state"), "nothing of an untrusted body is returned");
        assertFalse(reply.body().has("out_recharge_no"));
        if (row.hasRequestId()) {
            assertTrue(reply.body().get("request_id").asText().endsWith("-0"), "WeChat Pay's Request-ID is passed on");
            assertEquals(reply.body().get("request_id").asText(), reply.requestId());
        }
        assertEquals(row.closes(), SimulatorResource.simulator().callsFor(outRechargeNo).size());
        assertEquals(row.queries(), SimulatorResource.simulator().queriesFor(outRechargeNo).size(),
                "an unknown outcome is checked with the query API");
    }

    @Test
    void retriesTransientFailuresWithAFreshSignatureEachTime() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.FLAKY.outRechargeNo("1")));

        assertEquals(200, reply.status());
        List<WeChatPaySimulator.Call> calls = SimulatorResource.simulator().callsFor(Scenario.FLAKY.outRechargeNo("1"));
        assertEquals(3, calls.size(), "two 500s, then the close");
        assertTrue(calls.stream().allMatch(WeChatPaySimulator.Call::signatureValid));
        assertEquals(3, calls.stream().map(WeChatPaySimulator.Call::authorization).distinct().count());
        assertTrue(SimulatorResource.simulator().queriesFor(Scenario.FLAKY.outRechargeNo("1")).isEmpty());
    }

    @Test
    void aCloseWhoseOutcomeStayedUnknownSucceedsWhenTheQuerySaysClosed() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.DOUBTCLOSED.outRechargeNo("1")));

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(3, SimulatorResource.simulator().callsFor(Scenario.DOUBTCLOSED.outRechargeNo("1")).size());
        WeChatPaySimulator.Call query = SimulatorResource.simulator().queriesFor(Scenario.DOUBTCLOSED.outRechargeNo("1")).get(0);
        assertEquals("GET", query.method());
        assertEquals("/v3/platsolution/ecommerce/recharges/out-recharge-no/DOUBTCLOSED1?sub_mchid=1900001121", query.uri());
        assertTrue(query.signatureValid());
    }

    /** A close that took effect and came back with a probe signature: the query, verified on its own, says CLOSED. */
    @Test
    void aCloseAnswerThatFailedVerificationSucceedsWhenTheQuerySaysClosed() throws Exception {
        String outRechargeNo = Scenario.PROBECLOSED.outRechargeNo("1");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(1, SimulatorResource.simulator().callsFor(outRechargeNo).size(), "an unverified answer is never retried");
        assertEquals(1, SimulatorResource.simulator().queriesFor(outRechargeNo).size());
    }

    /**
     * "The state does not allow closing" may be about a close that went through: DOUBT400's attempt 1
     * timed out (it may have closed the recharge) before attempt 2 heard it; CLOSEDBEFORE is a second
     * delivery of a close that went through. The query says CLOSED in both.
     */
    @ParameterizedTest(name = "{0}: {1} closes, then a query that says CLOSED")
    @CsvSource({"DOUBT400, 2", "CLOSEDBEFORE, 1"})
    void aRefusalOfARechargeTheQueryShowsClosedIsASuccess(Scenario scenario, int closes) throws Exception {
        String outRechargeNo = scenario.outRechargeNo("x");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(200, reply.status());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(closes, SimulatorResource.simulator().callsFor(outRechargeNo).size());
        assertEquals(1, SimulatorResource.simulator().queriesFor(outRechargeNo).size());
    }

    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"PAID", "DOUBTPAID", "RACE"})
    void saysClearlyWhenTheRechargeWasPaidInstead(Scenario scenario) throws Exception {
        String outRechargeNo = scenario.outRechargeNo("1");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(409, reply.status());
        assertEquals("RECHARGE_ALREADY_PAID", reply.body().get("code").asText());
        assertTrue(reply.body().get("message").asText().contains("already paid"));
        assertEquals("SUCCESS", reply.body().get("recharge").get("recharge_state").asText());
        assertEquals(outRechargeNo, reply.body().get("recharge").get("out_recharge_no").asText());
        assertEquals(reply.requestId(), reply.body().get("request_id").asText());
    }

    /** A signed answer about another recharge proves nothing about ours: neither its body nor its state reaches the caller. */
    @ParameterizedTest
    @EnumSource(value = Scenario.class, names = {"OTHERNO", "OTHERSUB", "OTHERSP"})
    void refusesAVerifiedAnswerAboutAnotherRecharge(Scenario scenario) throws Exception {
        String outRechargeNo = scenario.outRechargeNo("id");
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));

        assertEquals(502, reply.status());
        assertEquals("UPSTREAM_UNVERIFIED", reply.body().get("code").asText());
        assertTrue(reply.body().get("message").asText().contains("not the one asked for"), reply.rawBody());
        assertFalse(reply.rawBody().contains("CLOSED"), "nothing of the answer is passed on");
        assertTrue(onlyCall(outRechargeNo).signatureValid());
    }

    @Test
    void aVerifiedStateOtherThanClosedIsA409WithTheRecharge() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.RECHARGING.outRechargeNo("1")));

        assertEquals(409, reply.status());
        assertEquals("RECHARGE_NOT_CLOSED", reply.body().get("code").asText());
        assertTrue(reply.body().get("message").asText().contains("RECHARGING"), reply.rawBody());
        assertEquals("RECHARGING", reply.body().get("recharge").get("recharge_state").asText());
        assertEquals(Scenario.RECHARGING.outRechargeNo("1"), reply.body().get("recharge").get("out_recharge_no").asText());
        assertEquals(reply.requestId(), reply.body().get("request_id").asText());
    }

    /** The close took effect but its answer never came: the query, asked after the last attempt, says CLOSED. */
    @Test
    void aHungCloseThatTookEffectIsASuccessOnceTheQuerySaysClosed() throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(Scenario.HANG.outRechargeNo("1")));

        assertEquals(200, reply.status(), reply.rawBody());
        assertEquals("CLOSED", reply.body().get("recharge_state").asText());
        assertEquals(3, SimulatorResource.simulator().callsFor(Scenario.HANG.outRechargeNo("1")).size());
        assertEquals(1, SimulatorResource.simulator().queriesFor(Scenario.HANG.outRechargeNo("1")).size());
    }

    @Test
    void passesOnWeChatPaysOwnErrorMessage() throws Exception {
        assertEquals("充值单不存在", MockLambda.http(Events.closeEvent(Scenario.E404.outRechargeNo("msg"))).body().get("message").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cz-2020", "cz_2020", "%2E%2E", "充值单", "x12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesAnInvalidOutRechargeNoWithoutCallingWeChatPay(String outRechargeNo) throws Exception {
        HttpReply reply = MockLambda.http(Events.closeEvent(outRechargeNo));
        assertEquals(400, reply.status());
        assertEquals("INVALID_ARGUMENT", reply.body().get("code").asText());
        assertTrue(reply.body().get("message").asText().contains("out_recharge_no"));
        assertTrue(SimulatorResource.simulator().callsFor(outRechargeNo).isEmpty());
    }

    @ParameterizedTest(name = "query {0}, body {1}")
    @CsvSource(nullValues = "none", value = {
        "none, none, sub_mchid is required",
        "19000a1121, none, sub_mchid must be 1-32 digits",
        "1900001121, '{\"sub_mchid\": \"1900001122\"}', sub_mchid differs",
        "none, '{\"sub_mchid\": true}', sub_mchid must be a string",
        "none, '{\"sub_mchid\": 19.5}', sub_mchid must be a string",
        "none, '[1900001121]', must be a JSON object",
        "none, '{\"sub_mchid\": ', not valid JSON",
        "none, '{\"sub_mchid\": \"1900001121\"} x', text after its JSON object",
        "none, '{\"sub_mchid\": \"1900001121\"}{\"sub_mchid\": \"1900001122\"}', text after its JSON object",
        "none, '{\"sub_mchid\": \"1900001121\"}]', text after its JSON object",
        "'', '{\"sub_mchid\": \"1900001121\"}', sub_mchid is empty",
        "'', none, sub_mchid is empty",
        "1900001121, '{\"sub_mchid\": \"\"}', sub_mchid is empty",
    })
    void refusesABadSubMchidWithoutCallingWeChatPay(String query, String body, String problem) throws Exception {
        ObjectNode event = Events.closeEvent("badsub" + Math.abs((query + body).hashCode()));
        if (query == null) {
            event.remove("queryStringParameters");
        } else {
            event.with("queryStringParameters").put("sub_mchid", query);
        }
        if (body != null) {
            event.put("body", body);
        }
        HttpReply reply = MockLambda.http(event);
        assertEquals(400, reply.status());
        assertEquals("INVALID_ARGUMENT", reply.body().get("code").asText());
        assertTrue(reply.body().get("message").asText().contains(problem), reply.body().toString());
        assertTrue(SimulatorResource.simulator().calls().stream().noneMatch(call -> call.uri().contains("badsub")));
    }

    @Test
    void answersAnotherPathWith404() throws Exception {
        HttpReply reply = MockLambda.http(Events.fixture("http-default-route-unknown-path.json"));
        assertEquals(404, reply.status());
        assertEquals("NOT_FOUND", reply.body().get("code").asText());
    }

    @Test
    void answersAnotherMethodWith405() throws Exception {
        ObjectNode event = Events.closeEvent("getme1");
        event.put("routeKey", "$default").remove("pathParameters");
        ((ObjectNode) event.with("requestContext").with("http")).put("method", "GET");
        HttpReply reply = MockLambda.http(event);
        assertEquals(405, reply.status());
        assertEquals("METHOD_NOT_ALLOWED", reply.body().get("code").asText());
        assertEquals("POST, DELETE", new ObjectMapper().readTree(MockLambda.post(event)).path("headers").path("allow").asText());
        assertTrue(SimulatorResource.simulator().callsFor("getme1").isEmpty());
    }

    /** This deployment has no schedule group: a deadline or a cancel is refused, and nothing is closed now instead. */
    @ParameterizedTest
    @ValueSource(strings = {"POST", "DELETE"})
    void answersScheduledClosesWith501WhereTheyAreNotEnabled(String method) throws Exception {
        ObjectNode event = Events.closeEvent("later1");
        ((ObjectNode) event.with("requestContext").with("http")).put("method", method);
        event.put("routeKey", method + " /recharges/{out_recharge_no}/close");
        event.with("queryStringParameters").put("close_at", "2099-01-01T00:00:00Z");
        HttpReply reply = MockLambda.http(event);
        assertEquals(501, reply.status());
        assertEquals("SCHEDULED_CLOSE_DISABLED", reply.body().get("code").asText());
        assertTrue(SimulatorResource.simulator().callsFor("later1").isEmpty());
    }

    private static WeChatPaySimulator.Call onlyCall(String outRechargeNo) {
        List<WeChatPaySimulator.Call> calls = SimulatorResource.simulator().callsFor(outRechargeNo);
        assertEquals(1, calls.size(), "calls for " + outRechargeNo);
        return calls.get(0);
    }
}
