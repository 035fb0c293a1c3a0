package app.rechargeclose.wechatpay;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Signs every request on its way out, over the request target exactly as it goes on the wire, with
 * the keys the keyring holds at that moment.
 * The filter sees the entity before serialization, so only bodies that are already bytes (or
 * text) can be signed; anything else is refused rather than signed wrongly.
 */
public final class SigningFilter implements ClientRequestFilter {

    private final RequestAuthorizer authorizer;
    private final Keyring keyring;
    private final String userAgent;

    public SigningFilter(RequestAuthorizer authorizer, Keyring keyring, String userAgent) {
        this.authorizer = authorizer;
        this.keyring = keyring;
        this.userAgent = userAgent;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        String target = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        var headers = request.getHeaders();
        WechatPayKeys keys = keyring.current();
        headers.putSingle(HttpHeaders.AUTHORIZATION, authorizer.authorization(keys.merchantSerialNo(), keys.signer(), request.getMethod(), target,
                bodyOf(request)));
        headers.putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        headers.putSingle(HttpHeaders.USER_AGENT, userAgent);
        // Makes WeChat Pay sign its answers with the public key rather than a platform certificate.
        keys.publicKeyId().ifPresent(id -> headers.putSingle("Wechatpay-Serial", id));
    }

    private static String bodyOf(ClientRequestContext request) {
        if (!request.hasEntity()) {
            return "";
        }
        Object entity = request.getEntity();
        if (entity instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (entity instanceof String text) {
            return text;
        }
        throw new IllegalStateException("serialize request bodies to bytes before sending: a " + entity.getClass().getSimpleName()
                + " would be signed differently from what goes on the wire");
    }
}
