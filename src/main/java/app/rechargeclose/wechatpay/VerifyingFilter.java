package app.rechargeclose.wechatpay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Response;

/**
 * Verifies every 2xx answer over its raw bytes before anything decodes or reads them. A response
 * filter (not a reader interceptor) because it also runs for a 2xx with an empty body.
 */
public final class VerifyingFilter implements ClientResponseFilter {

    public static final String REQUEST_ID = "Request-ID";
    /** A recharge object is a few kilobytes; an answer far larger is none, and is not held in memory. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private final ResponseValidator validator;
    private final Keyring keyring;

    public VerifyingFilter(ResponseValidator validator, Keyring keyring) {
        this.validator = validator;
        this.keyring = keyring;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) throws IOException {
        if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            return; // error answers are not signed; ErrorAnswerMapper reads them as untrusted
        }
        String requestId = response.getHeaderString(REQUEST_ID);
        InputStream stream = response.getEntityStream();
        byte[] body = stream == null ? new byte[0] : stream.readNBytes(MAX_ANSWER_BYTES + 1);
        if (body.length > MAX_ANSWER_BYTES) {
            throw WechatPayException.answered(response.getStatus(), null, "WeChat Pay's answer is larger than " + MAX_ANSWER_BYTES + " bytes",
                    requestId);
        }
        try {
            validator.validate(keyring.current(), response::getHeaderString, body, requestId);
        } catch (UnknownSerialException unknown) {
            throw unknown.withStatus(response.getStatus()); // the client reads the keys again and verifies once more
        }
        response.setEntityStream(new ByteArrayInputStream(body));
    }
}
