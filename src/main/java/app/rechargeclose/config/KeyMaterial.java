package app.rechargeclose.config;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.wechatpay.InvalidKeyMaterialException;
import app.rechargeclose.wechatpay.PemKeys;
import app.rechargeclose.wechatpay.WechatPayKeys;

/**
 * The keys as one read of their source gives them, parsed and checked, with the expiry of the
 * certificates among them. Two sources: the PEM settings ({@code wechatpay.private-key} and the
 * rest, for local use; they never change), or one Secrets Manager secret that holds everything
 * that rotates together:
 *
 * <pre>{"merchant_serial_no": "…", "private_key": "PEM", "public_keys": {"PUB_KEY_ID_…": "PEM", …},
 *  "platform_certificates": "PEM bundle", "merchant_certificate": "PEM, optional"}</pre>
 *
 * with at least one of {@code public_keys} and {@code platform_certificates}. The earlier shape,
 * {@code public_key} with its id in {@code wechatpay.public-key-id} and the serial in
 * {@code wechatpay.merchant-serial-no}, is still read. Every error names the setting or the
 * secret's field at fault, never a key.
 *
 * @param certificateExpiries when the certificates run out: {@code merchant} (when the secret holds its
 *                            certificate) and {@code platform} (the newest of the bundle)
 */
public record KeyMaterial(WechatPayKeys keys, Map<String, Instant> certificateExpiries) {

    static final String SECRET = "wechatpay.secret-id";
    private static final String PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

    /** From the PEM settings: a private key and its serial, and a public key with its id, platform certificates, or both. */
    static KeyMaterial fromSettings(WechatPayConfig config) {
        String privateKey = config.privateKey().orElseThrow();
        String serial = Settings.requireText(config.merchantSerialNo().orElse(null), "wechatpay.merchant-serial-no");
        Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
        if (config.publicKey().isPresent()) {
            String id = Settings.requirePublicKeyId(config.publicKeyId().orElse(null), "wechatpay.public-key-id");
            publicKeys.put(id, parsed("wechatpay.public-key", () -> PemKeys.publicKey(config.publicKey().get())));
        }
        List<X509Certificate> certificates = config.platformCertificates()
                .map(bundle -> parsed("wechatpay.platform-certificates", () -> PemKeys.certificates(bundle))).orElse(List.of());
        if (publicKeys.isEmpty() && certificates.isEmpty()) {
            throw new InvalidSettingException("wechatpay.public-key", "not set; set it (with wechatpay.public-key-id), "
                    + "wechatpay.platform-certificates, or both");
        }
        return of(serial, parsed("wechatpay.private-key", () -> PemKeys.privateKey(privateKey)), publicKeys, certificates, Optional.empty());
    }

    /** From the secret's text; the settings fill in what a secret of the earlier shape leaves out. */
    static KeyMaterial fromSecret(String secretString, WechatPayConfig config, ObjectMapper json) {
        JsonNode secret = readObject(secretString, json);
        String serial = text(secret, "merchant_serial_no").or(config::merchantSerialNo).orElseThrow(() -> new InvalidSettingException(
                SECRET, "the secret has no merchant_serial_no, and wechatpay.merchant-serial-no is not set"));
        var privateKey = parsed(SECRET + " private_key", () -> PemKeys.privateKey(text(secret, "private_key").orElseThrow(
                () -> new InvalidSettingException(SECRET, "the secret has no private_key text"))));
        Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
        JsonNode byId = secret.path("public_keys");
        if (!byId.isMissingNode() && !byId.isNull() && !byId.isObject()) {
            throw new InvalidSettingException(SECRET, "the secret's public_keys must map each PUB_KEY_ID_… to its PEM text");
        }
        byId.properties().forEach(entry -> {
            if (!entry.getKey().startsWith(PUBLIC_KEY_ID_PREFIX) || !entry.getValue().isTextual()) {
                throw new InvalidSettingException(SECRET, "the secret's public_keys must map each PUB_KEY_ID_… to its PEM text");
            }
            publicKeys.put(entry.getKey(), parsed(SECRET + " public_keys." + entry.getKey(), () -> PemKeys.publicKey(entry.getValue().textValue())));
        });
        Optional<String> single = text(secret, "public_key");
        if (single.isPresent()) {
            String id = Settings.requirePublicKeyId(config.publicKeyId().orElse(null), "wechatpay.public-key-id");
            publicKeys.putIfAbsent(id, parsed(SECRET + " public_key", () -> PemKeys.publicKey(single.get())));
        }
        // The id the deployment names goes first: it is the one our requests ask answers to be signed with.
        config.publicKeyId().filter(publicKeys::containsKey).ifPresent(id -> {
            Map<String, PublicKey> rest = new LinkedHashMap<>(publicKeys);
            publicKeys.clear();
            publicKeys.put(id, rest.remove(id));
            publicKeys.putAll(rest);
        });
        List<X509Certificate> certificates = text(secret, "platform_certificates")
                .map(bundle -> parsed(SECRET + " platform_certificates", () -> PemKeys.certificates(bundle))).orElse(List.of());
        if (publicKeys.isEmpty() && certificates.isEmpty()) {
            throw new InvalidSettingException(SECRET, "the secret has neither public_keys nor platform_certificates: nothing to verify answers with");
        }
        Optional<X509Certificate> merchantCertificate = text(secret, "merchant_certificate")
                .map(pem -> parsed(SECRET + " merchant_certificate", () -> PemKeys.certificates(pem)).getFirst());
        merchantCertificate.filter(certificate -> !sameSerial(certificate, serial)).ifPresent(certificate -> {
            throw new InvalidSettingException(SECRET, "the secret's merchant_certificate is not the certificate of merchant_serial_no");
        });
        return of(serial, privateKey, publicKeys, certificates, merchantCertificate);
    }

    private static KeyMaterial of(String serial, PrivateKey privateKey, Map<String, PublicKey> publicKeys,
            List<X509Certificate> certificates, Optional<X509Certificate> merchantCertificate) {
        Map<String, Instant> expiries = new LinkedHashMap<>();
        merchantCertificate.ifPresent(certificate -> expiries.put("merchant", certificate.getNotAfter().toInstant()));
        certificates.stream().map(certificate -> certificate.getNotAfter().toInstant()).max(Instant::compareTo)
                .ifPresent(newest -> expiries.put("platform", newest));
        return new KeyMaterial(WechatPayKeys.of(serial, privateKey, publicKeys, certificates), Map.copyOf(expiries));
    }

    private static boolean sameSerial(X509Certificate certificate, String serial) {
        try {
            return certificate.getSerialNumber().equals(new BigInteger(serial.trim(), 16));
        } catch (NumberFormatException notHex) {
            return false;
        }
    }

    private static JsonNode readObject(String secretString, ObjectMapper json) {
        try {
            JsonNode secret = json.readTree(secretString == null ? "" : secretString);
            if (secret != null && secret.isObject()) {
                return secret;
            }
        } catch (IOException notJson) {
            // reported below, without the secret's text
        }
        throw new InvalidSettingException(SECRET, "the secret is not a JSON object with private_key and public_keys or platform_certificates");
    }

    /** Absent, null or blank is none (a secret written by a tool that fills every field); anything but text is a mistake. */
    private static Optional<String> text(JsonNode secret, String name) {
        JsonNode value = secret.path(name);
        if (value.isMissingNode() || value.isNull() || value.isTextual() && value.textValue().isBlank()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidSettingException(SECRET, "the secret's " + name + " must be text");
        }
        return Optional.of(value.textValue());
    }

    /** A key that cannot be parsed is a setting that is wrong: the error names where it came from. */
    private static <T> T parsed(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidKeyMaterialException e) {
            throw new InvalidSettingException(key, e.getMessage());
        }
    }
}
