package app.rechargeclose.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;

/** SHA256withRSA (RSASSA-PKCS1-v1_5) with the merchant's API private key, Base64 on one line. */
public final class RsaSigner {

    private final PrivateKey privateKey;

    public RsaSigner(PrivateKey privateKey) {
        this.privateKey = privateKey;
    }

    public String sign(String message) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with the merchant private key failed: " + e.getClass().getSimpleName());
        }
    }

    /** The public half of the key, when the key carries it (PKCS#1 and PKCS#8 RSA keys do). */
    Optional<PublicKey> publicKey() {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
