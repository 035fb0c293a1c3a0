package app.rechargeclose.recharge;

/** A close request that cannot be sent to WeChat Pay. The message names the offending field, never echoes input. */
public final class InvalidCommandException extends IllegalArgumentException {

    public InvalidCommandException(String message) {
        super(message, null);
    }
}
