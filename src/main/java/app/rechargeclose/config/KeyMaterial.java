package app.rechargeclose.config;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The PEM texts the function signs and verifies with, and where they came from: the
 * {@code wechatpay.private-key}/{@code public-key} settings (local use, they win) or the
 * Secrets Manager secret named by {@code wechatpay.secret-id} (deployments).
 *
 * @param source names the setting or secret field each key came from, for error messages
 */
public record KeyMaterial(String privateKey, String publicKey, Optional<String> platformCertificates, Source source) {

    /** Where each key was read from, so that a parse error names it. */
    public record Source(String privateKey, String publicKey, String platformCertificates) {
    }

    private static final Source FROM_SETTINGS = new Source("wechatpay.private-key", "wechatpay.public-key", "wechatpay.platform-certificates");

    public static KeyMaterial resolve(WechatPayConfig config, SecretSource secrets, ObjectMapper json) {
        if (config.privateKey().isPresent() || config.publicKey().isPresent()) {
            return new KeyMaterial(
                    config.privateKey().orElseThrow(() -> missing("wechatpay.private-key", "it is required when wechatpay.public-key is set")),
                    config.publicKey().orElseThrow(() -> missing("wechatpay.public-key", "it is required when wechatpay.private-key is set")),
                    config.platformCertificates(), FROM_SETTINGS);
        }
        String secretId = config.secretId().orElseThrow(() -> missing("wechatpay.private-key",
                "set wechatpay.private-key and wechatpay.public-key, or wechatpay.secret-id"));
        JsonNode secret = readSecret(secrets.secretString(secretId), json);
        Source source = new Source("wechatpay.secret-id private_key", "wechatpay.secret-id public_key",
                config.platformCertificates().isPresent() ? FROM_SETTINGS.platformCertificates() : "wechatpay.secret-id platform_certificates");
        return new KeyMaterial(field(secret, "private_key"), field(secret, "public_key"),
                config.platformCertificates().or(() -> optionalField(secret, "platform_certificates")), source);
    }

    /** Absent, null or blank is none (a secret written by a tool that fills every field); anything but text is a mistake. */
    private static Optional<String> optionalField(JsonNode secret, String name) {
        JsonNode value = secret.path(name);
        if (value.isMissingNode() || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidSettingException("wechatpay.secret-id", "the secret's " + name + " must be PEM text");
        }
        return Optional.of(value.textValue());
    }

    private static JsonNode readSecret(String secretString, ObjectMapper json) {
        try {
            JsonNode secret = json.readTree(secretString == null ? "" : secretString);
            if (secret != null && secret.isObject()) {
                return secret;
            }
        } catch (IOException notJson) {
            // reported below, without the secret's text
        }
        throw new InvalidSettingException("wechatpay.secret-id", "the secret is not a JSON object with private_key and public_key");
    }

    private static String field(JsonNode secret, String name) {
        JsonNode value = secret.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidSettingException("wechatpay.secret-id", "the secret has no " + name + " text");
        }
        return value.asText();
    }

    private static InvalidSettingException missing(String key, String hint) {
        return new InvalidSettingException(key, "not set; " + hint);
    }
}
