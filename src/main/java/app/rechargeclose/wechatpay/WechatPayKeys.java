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
}
