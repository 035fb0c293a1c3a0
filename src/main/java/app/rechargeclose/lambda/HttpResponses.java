package app.rechargeclose.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * The HTTP contract for callers: a closed recharge is the object exactly as WeChat Pay sent and
 * signed it; anything else is {@code {"code", "message", "request_id"}} with the status {@link Outcome}
 * gives it, and the recharge object when a verified answer said what WeChat Pay holds.
 */
@ApplicationScoped
public class HttpResponses {

    static final String REQUEST_ID_HEADER = "wechatpay-request-id";

    private final ObjectMapper json;

    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    APIGatewayV2HTTPResponse of(Outcome outcome) {
        String requestId = outcome.requestId().orElse(null);
        if (outcome.isClosed()) {
            return respond(200, outcome.recharge().orElseThrow().json(), requestId);
        }
        if (outcome.status() == 204) {
            APIGatewayV2HTTPResponse noContent = respond(204, "", null);
            noContent.getHeaders().remove("content-type"); // no body, so no type of one
            return noContent;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", outcome.code());
        body.put("message", outcome.message());
        outcome.requestId().ifPresent(id -> body.put("request_id", id));
        outcome.recharge().ifPresent(answer -> body.put("recharge", new RawValue(answer.json())));
        outcome.scheduled().ifPresent(scheduled -> {
            body.put("out_recharge_no", scheduled.command().outRechargeNo());
            body.put("sub_mchid", scheduled.command().subMchid());
            body.put("close_at", scheduled.closeAt().toString());
            body.put("schedule", scheduled.name());
        });
        APIGatewayV2HTTPResponse response = respond(outcome.status(), write(body), requestId);
        if (Outcome.METHOD_NOT_ALLOWED.equals(outcome.code())) {
            response.getHeaders().put("allow", "POST, DELETE");
        }
        return response;
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
