package app.rechargeclose.wechatpay;

import java.util.Map;
import java.util.TreeMap;

/**
 * A 2xx answer that passed every check but one: it names a serial the keys held do not know. Not a
 * verdict yet: a key WeChat Pay began to sign with may have reached the secret since it was read,
 * so the client reads the keys again and verifies this same answer once more ({@link #verifyWith}).
 * It carries what that needs, the headers and the raw bytes, and says nothing of them.
 */
final class UnknownSerialException extends RuntimeException {

    private final Map<String, String> headers;
    private final byte[] body;
    private final String requestId;
    private final int status;

    UnknownSerialException(ResponseValidator.HeaderLookup headers, byte[] body, String requestId) {
        this(copy(headers), body, requestId, 0);
    }

    private UnknownSerialException(Map<String, String> headers, byte[] body, String requestId, int status) {
        super("Wechatpay-Serial names no key we hold", null, false, false);
        this.headers = headers;
        this.body = body;
        this.requestId = requestId;
        this.status = status;
    }

    UnknownSerialException withStatus(int status) {
        return new UnknownSerialException(headers, body, requestId, status);
    }

    /** The answer verified with {@code keys}: its status, Request-ID and bytes; an unknown serial again is no longer a question. */
    VerifiedBytes verifyWith(ResponseValidator validator, WechatPayKeys keys) {
        try {
            validator.validate(keys, headers::get, body, requestId);
        } catch (UnknownSerialException stillUnknown) {
            throw WechatPayException.unverified(getMessage(), requestId);
        }
        return new VerifiedBytes(status, requestId, body);
    }

    private static Map<String, String> copy(ResponseValidator.HeaderLookup headers) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : new String[] {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"}) {
            copy.put(name, headers.get(name));
        }
        return copy;
    }
}
