package app.rechargeclose.wechatpay;

/**
 * A key or certificate cannot be used. The message says what is wrong, never any part of the key;
 * {@code config/} adds the name of the setting it came from.
 */
public final class InvalidKeyMaterialException extends IllegalArgumentException {

    public InvalidKeyMaterialException(String problem) {
        super(problem);
    }
}
