package app.rechargeclose.wechatpay;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import app.rechargeclose.config.KeyMaterial;

/** The configured key material, parsed once: our signing key and every WeChat Pay key we accept. */
public record WechatPayKeys(RsaSigner signer, RsaVerifier verifier) {

    public static WechatPayKeys from(KeyMaterial keys, String publicKeyId) {
        RsaSigner signer = new RsaSigner(PemKeys.privateKey(keys.privateKey(), keys.source().privateKey()));
        Map<String, PublicKey> keysBySerial = new HashMap<>();
        keysBySerial.put(RsaVerifier.normalizeSerial(publicKeyId), PemKeys.publicKey(keys.publicKey(), keys.source().publicKey()));
        keys.platformCertificates().ifPresent(bundle -> {
            for (X509Certificate certificate : PemKeys.certificates(bundle, keys.source().platformCertificates())) {
                keysBySerial.put(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)), certificate.getPublicKey());
            }
        });
        return new WechatPayKeys(signer, new RsaVerifier(keysBySerial));
    }

    /**
     * Signs a message and checks the signature with the public half of our own key: runs the JDK's
     * RSA code once (SnapStart priming) and proves the configured key can sign.
     */
    public boolean selfCheck() {
        String message = "POST\n/v3/self-check\n0\nnonce\n\n";
        return signer.publicKey()
                .map(publicKey -> new RsaVerifier(Map.of("SELF", publicKey)).verify("SELF", message, signer.sign(message)))
                .orElse(false);
    }
}
