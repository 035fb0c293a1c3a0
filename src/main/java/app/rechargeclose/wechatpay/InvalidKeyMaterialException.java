package app.rechargeclose.wechatpay;

/** A configured key or certificate cannot be used. The message names the setting, never its value. */
public final class InvalidKeyMaterialException extends IllegalArgumentException {

    public InvalidKeyMaterialException(String source, String problem) {
        super(source + ": " + problem);
    }
}
