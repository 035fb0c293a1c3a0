package app.rechargeclose.wechatpay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parsed key material: our signing key, and every WeChat Pay key an answer may be signed with. */
public final class WechatPayKeys {

    private final RsaSigner signer;
    private final RsaVerifier verifier;

    private WechatPayKeys(RsaSigner signer, RsaVerifier verifier) {
        this.signer = signer;
        this.verifier = verifier;
    }

    /**
     * @param publicKeyId          the WeChat Pay public key's id ({@code PUB_KEY_ID_…})
     * @param platformCertificates certificates still signing answers during the switch to the public key
     */
    public static WechatPayKeys of(PrivateKey merchantKey, String publicKeyId, PublicKey publicKey, List<X509Certificate> platformCertificates) {
        Map<String, PublicKey> keysBySerial = new HashMap<>();
        keysBySerial.put(RsaVerifier.normalizeSerial(publicKeyId), publicKey);
        for (X509Certificate certificate : platformCertificates) {
            keysBySerial.put(RsaVerifier.normalizeSerial(certificate.getSerialNumber().toString(16)), certificate.getPublicKey());
        }
        return new WechatPayKeys(new RsaSigner(merchantKey), new RsaVerifier(keysBySerial));
    }

    RsaSigner signer() {
        return signer;
    }

    RsaVerifier verifier() {
        return verifier;
    }

    /**
     * Signs a message and checks the signature with the public half of our own key: runs the JDK's
     * RSA code once (SnapStart priming) and proves the configured key can sign.
     *
     * @throws InvalidKeyMaterialException when the key carries no public half or its signature does not verify
     */
    public void checkSigningKey() {
        String message = "POST\n/v3/self-check\n0\nnonce\n\n";
        PublicKey publicHalf = signer.publicKey()
                .orElseThrow(() -> new InvalidKeyMaterialException("the private key carries no RSA public half to check it with"));
        if (!new RsaVerifier(Map.of("SELF", publicHalf)).isValid("SELF", message, signer.sign(message))) {
            throw new InvalidKeyMaterialException("a signature made with the private key does not verify with its own public half");
        }
    }
}
