package app.rechargeclose.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.InvalidCommandException;
import app.rechargeclose.recharge.Recharge;
import app.rechargeclose.wechatpay.UnverifiedResponseException;
import app.rechargeclose.wechatpay.UpstreamRejectedException;
import app.rechargeclose.wechatpay.UpstreamTimeoutException;
import app.rechargeclose.wechatpay.WechatPayAnswer;
import app.rechargeclose.wechatpay.WechatPayException;

/**
 * The HTTP contract for callers, in one place: the recharge object on success, and
 * {@code {"code", "message", "request_id"}} with a stable status and code for every failure.
 */
@ApplicationScoped
public class HttpResponses {

    private static final Logger LOG = Logger.getLogger(HttpResponses.class);
    static final String REQUEST_ID_HEADER = "wechatpay-request-id";

    private final ObjectMapper json;

    public HttpResponses(ObjectMapper json) {
        this.json = json;
    }

    APIGatewayV2HTTPResponse closed(WechatPayAnswer<Recharge> answer) {
        APIGatewayV2HTTPResponse response = respond(200, write(answer.body()));
        if (answer.requestId() != null) {
            response.getHeaders().put(REQUEST_ID_HEADER, answer.requestId());
        }
        return response;
    }

    APIGatewayV2HTTPResponse notFound() {
        return error(404, "NOT_FOUND", "no such route; use POST /recharges/{out_recharge_no}/close", null);
    }

    APIGatewayV2HTTPResponse methodNotAllowed() {
        APIGatewayV2HTTPResponse response = error(405, "METHOD_NOT_ALLOWED", "use POST to close a recharge", null);
        response.getHeaders().put("allow", "POST");
        return response;
    }

    APIGatewayV2HTTPResponse failure(RuntimeException failure) {
        if (failure instanceof InvalidCommandException invalid) {
            return error(400, "INVALID_ARGUMENT", invalid.getMessage(), null);
        }
        if (failure instanceof WechatPayException upstream) {
            String requestId = upstream.requestId().orElse(null);
            LOG.warnf("close failed: %s (Request-ID %s)", upstream.getMessage(), requestId);
            if (upstream instanceof UpstreamRejectedException rejected) {
                return rejected.isSignatureRejected()
                        ? error(502, "UPSTREAM_REJECTED_SIGNATURE",
                                "WeChat Pay rejected our request signature: check wechatpay.private-key and wechatpay.merchant-serial-no", requestId)
                        : error(rejected.status(), rejected.code(), rejected.getMessage(), requestId);
            }
            if (upstream instanceof UpstreamTimeoutException) {
                return error(504, "UPSTREAM_TIMEOUT", upstream.getMessage(), requestId);
            }
            if (upstream instanceof UnverifiedResponseException) {
                return error(502, "UPSTREAM_UNVERIFIED", upstream.getMessage(), requestId);
            }
            return error(502, "UPSTREAM_UNAVAILABLE", upstream.getMessage(), requestId);
        }
        LOG.error("close failed unexpectedly", failure);
        return error(500, "INTERNAL_ERROR", "the close could not be processed", null);
    }

    private APIGatewayV2HTTPResponse error(int status, String code, String message, String requestId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (requestId != null) {
            body.put("request_id", requestId);
        }
        APIGatewayV2HTTPResponse response = respond(status, write(body));
        if (requestId != null) {
            response.getHeaders().put(REQUEST_ID_HEADER, requestId);
        }
        return response;
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(new LinkedHashMap<>(Map.of("content-type", "application/json")));
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
