package app.rechargeclose.wechatpay;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a non-2xx answer into a {@link WechatPayException}. Error answers are not signed and are
 * not always JSON (an unknown path gets an nginx HTML page), so only a JSON body with a
 * {@code code} counts as WeChat Pay's own verdict.
 */
public final class ErrorAnswerMapper implements ResponseExceptionMapper<WechatPayException> {

    private final ObjectMapper json;

    public ErrorAnswerMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status < 200 || status >= 300;
    }

    @Override
    public WechatPayException toThrowable(Response response) {
        int status = response.getStatus();
        String requestId = response.getHeaderString(VerifyingFilter.REQUEST_ID);
        if (status < 100) {
            return WechatPayException.connectionFailed("the connection to WeChat Pay closed without an answer");
        }
        if (status >= 400 && status < 500) {
            JsonNode error = readJson(response);
            String code = error.path("code").asText("");
            if (!code.isBlank()) {
                return WechatPayException.answered(status, code, error.path("message").asText(""), requestId);
            }
            return WechatPayException.answered(status, null, "WeChat Pay answered HTTP " + status + " without a WeChat Pay error body", requestId);
        }
        return WechatPayException.answered(status, null, "WeChat Pay answered HTTP " + status, requestId);
    }

    private JsonNode readJson(Response response) {
        try {
            String body = response.readEntity(String.class);
            JsonNode node = json.readTree(body == null ? "" : body);
            return node == null ? json.missingNode() : node;
        } catch (RuntimeException | java.io.IOException notJson) {
            return json.missingNode();
        }
    }
}
