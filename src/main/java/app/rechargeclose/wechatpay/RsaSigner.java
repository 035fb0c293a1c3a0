package app.rechargeclose.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

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
}
