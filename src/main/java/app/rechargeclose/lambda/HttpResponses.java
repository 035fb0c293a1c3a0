package app.rechargeclose.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

import app.rechargeclose.recharge.Outcome;
import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.recharge.RechargeAlreadyPaidException;
import app.rechargeclose.wechatpay.WechatPayAnswer;

/**
 * The HTTP contract for callers: the recharge object on success, and
 * {@code {"code", "message", "request_id"}} with the status and code {@link Outcome} gives a failure.
 */
@ApplicationScoped
public class HttpResponses {

    static final String REQUEST_ID_HEADER = "wechatpay-request-id";

    private final ObjectMapper json;

    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    /** A recharge WeChat Pay holds CLOSED: the object exactly as WeChat Pay sent and signed it. */
    APIGatewayV2HTTPResponse closed(WechatPayAnswer<Recharge> answer) {
        return respond(200, answer.json(), answer.requestId());
    }

    APIGatewayV2HTTPResponse notFound() {
        return error(new Outcome(404, "NOT_FOUND", "no such route; use POST /recharges/{out_recharge_no}/close", null), null);
    }

    APIGatewayV2HTTPResponse methodNotAllowed() {
        APIGatewayV2HTTPResponse response = error(new Outcome(405, "METHOD_NOT_ALLOWED", "use POST to close a recharge", null), null);
        response.getHeaders().put("allow", "POST");
        return response;
    }

    /** A failed close; a recharge that was paid instead comes with the recharge object WeChat Pay holds. */
    APIGatewayV2HTTPResponse failure(Outcome outcome, Throwable cause) {
        return error(outcome, cause instanceof RechargeAlreadyPaidException paid ? paid.answer() : null);
    }

    /** A verified answer whose recharge is not CLOSED: the error, with the recharge object as WeChat Pay signed it. */
    APIGatewayV2HTTPResponse notClosed(Outcome outcome, WechatPayAnswer<Recharge> answer) {
        return error(outcome, answer);
    }

    private APIGatewayV2HTTPResponse error(Outcome outcome, WechatPayAnswer<Recharge> recharge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", outcome.code());
        body.put("message", outcome.message());
        if (outcome.requestId() != null) {
            body.put("request_id", outcome.requestId());
        }
        if (recharge != null) {
            body.put("recharge", new RawValue(recharge.json()));
        }
        return respond(outcome.status(), write(body), outcome.requestId());
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body, String requestId) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(new LinkedHashMap<>(Map.of("content-type", "application/json")));
        if (requestId != null) {
            response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        }
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response as JSON", e);
        }
    }
}
