package app.rechargeclose.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;

/** The checks settings go through where they are read; each failure is an {@link InvalidSettingException} naming the key. */
public final class Settings {

    private Settings() {
    }

    public static String requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(key, "must not be blank");
        }
        return value;
    }

    /** WeChat Pay's public key ids all start with PUB_KEY_ID_; a certificate serial here is the classic mix-up. */
    public static String requirePublicKeyId(String value, String key) {
        if (!requireText(value, key).startsWith("PUB_KEY_ID_")) {
            throw new InvalidSettingException(key, "must be the WeChat Pay public key id, which starts with PUB_KEY_ID_");
        }
        return value;
    }

    /** @param what what the value must be, for the message (the value itself is not echoed) */
    public static String requireMatch(String value, String pattern, String key, String what) {
        if (value == null || !value.matches(pattern)) {
            throw new InvalidSettingException(key, "must be " + what);
        }
        return value;
    }

    public static Duration requirePositive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(key, "must be a positive duration");
        }
        return value;
    }

    public static int requireAtLeast(int value, int minimum, String key) {
        if (value < minimum) {
            throw new InvalidSettingException(key, "must be at least " + minimum);
        }
        return value;
    }

    public static Duration requireAtLeast(Duration value, Duration minimum, String key) {
        if (value.compareTo(minimum) < 0) {
            throw new InvalidSettingException(key, minimum.isZero() ? "must not be negative" : "must be at least " + minimum.toMillis() + "ms");
        }
        return value;
    }

    /** WeChat Pay is only ever spoken to over TLS; plain http is allowed for a simulator on loopback. */
    public static URI requireWechatPayUrl(URI baseUrl, String key) {
        String scheme = baseUrl.getScheme();
        String host = baseUrl.getHost();
        if (host == null || scheme == null) {
            throw new InvalidSettingException(key, "must be an absolute URL such as https://api.mch.weixin.qq.com");
        }
        if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) && isLoopback(host)) {
            return baseUrl;
        }
        throw new InvalidSettingException(key, "must use https (plain http only for a loopback host), got " + baseUrl);
    }

    /** An SQS queue URL: http(s), a host, and the account and queue name as its path. */
    public static String requireQueueUrl(String url, String key) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || uri.getPath() == null || uri.getPath().split("/").length != 3) {
            throw new InvalidSettingException(key, "must be a queue URL such as https://sqs.ap-east-1.amazonaws.com/123456789012/recharge-close-dlq");
        }
        return url;
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost would need DNS to judge
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
