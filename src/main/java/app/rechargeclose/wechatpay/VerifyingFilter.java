package app.rechargeclose.wechatpay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;

/**
 * Verifies every 2xx answer over its raw body before Jackson reads it. A response filter (not a
 * reader interceptor) because it also runs for a 2xx with an empty body.
 */
public final class VerifyingFilter implements ClientResponseFilter {

    public static final String REQUEST_ID = "Request-ID";

    private final ResponseValidator validator;

    public VerifyingFilter(ResponseValidator validator) {
        this.validator = validator;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            return; // error answers are not signed; ErrorAnswerMapper reads them as untrusted
        }
        InputStream stream = response.getEntityStream();
        byte[] body = stream == null ? new byte[0] : stream.readAllBytes();
        validator.validate(response::getHeaderString, new String(body, StandardCharsets.UTF_8), response.getHeaderString(REQUEST_ID));
        response.setEntityStream(new ByteArrayInputStream(body));
    }
}
