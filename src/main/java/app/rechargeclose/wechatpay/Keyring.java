package app.rechargeclose.wechatpay;

import io.smallrye.mutiny.Uni;

/**
 * Where the client takes its keys from, call by call: the set held now, which a source that
 * changes over time (a secret rotated in place) replaces whole. The client asks for a new read
 * only with a reason: an answer signed under a serial it does not hold, or WeChat Pay refusing our
 * signature. How the keys are read, how often, and what a failed read does is the keyring's
 * business, never a caller's.
 */
public interface Keyring {

    /** The keys held now; never waits. */
    WechatPayKeys current();

    /**
     * Completes when the keys are fit for a new call: at once while they are younger than their
     * source's max age, otherwise once a new read brought newer ones, or after a short wait with the
     * ones held (a slow source never stalls a call; the read goes on beside it).
     */
    Uni<Void> fresh();

    /**
     * One more read of the source, shared by every caller asking at the same time and made at most
     * once per minimum interval; completes with the keys held after it (the old ones when the read
     * failed or was not allowed yet).
     */
    Uni<WechatPayKeys> reread();

    /** Keys that never change (the PEM settings of a local run): nothing to read again. */
    static Keyring fixed(WechatPayKeys keys) {
        return new Keyring() {
            @Override
            public WechatPayKeys current() {
                return keys;
            }

            @Override
            public Uni<Void> fresh() {
                return Uni.createFrom().voidItem();
            }

            @Override
            public Uni<WechatPayKeys> reread() {
                return Uni.createFrom().item(keys);
            }
        };
    }
}
