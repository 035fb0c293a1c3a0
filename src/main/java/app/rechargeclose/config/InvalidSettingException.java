package app.rechargeclose.config;

/**
 * A setting the function cannot work with: the one error type of configuration. Its message starts
 * with the setting's key and says what is wrong, never the value when that is key material.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The setting, or the secret field, at fault: {@code wechatpay.private-key}, {@code sqs.max-concurrency}, … */
    public String key() {
        return key;
    }
}
