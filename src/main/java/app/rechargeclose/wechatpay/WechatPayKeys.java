package app.rechargeclose.wechatpay;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import app.rechargeclose.config.WechatPayConfig;

/** The configured key material, parsed once: our signing key and every WeChat Pay key we accept. */
public record WechatPayKeys(RsaSigner signer, RsaVerifier verifier) {

    public static WechatPayKeys from(WechatPayConfig config) {
        RsaSigner signer = new RsaSigner(PemKeys.privateKey(config.privateKey(), "wechatpay.private-key"));
        Map<String, PublicKey> keysBySerial = new HashMap<>();
        keysBySerial.put(RsaVerifier.normalizeSerial(config.publicKeyId()), PemKeys.publicKey(config.publicKey(), "wechatpay.public-key"));
        config.platformCertificates().ifPresent(bundle -> {
            for (X509Certificate certificate : PemKeys.certificates(bundle, "wechatpay.platform-certificates")) {
                keysBySerial.put(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)), certificate.getPublicKey());
            }
        });
        return new WechatPayKeys(signer, new RsaVerifier(keysBySerial));
    }
}
