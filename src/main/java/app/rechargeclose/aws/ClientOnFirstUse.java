package app.rechargeclose.aws;

import java.util.function.Supplier;

import org.jboss.logging.Logger;

import software.amazon.awssdk.core.SdkClient;

/**
 * An AWS SDK client made on the first call that needs it, so neither it nor its classes are on the
 * start path, and closed with its owner. Says once, in the log, that it was made.
 */
public final class ClientOnFirstUse<C extends SdkClient> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClientOnFirstUse.class);

    private final Supplier<C> make;
    private final String madeMessage;
    private volatile C client;

    /** @param madeMessage the log line written when the client is made */
    public ClientOnFirstUse(Supplier<C> make, String madeMessage) {
        this.make = make;
        this.madeMessage = madeMessage;
    }

    public C get() {
        C made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    made = make.get();
                    client = made;
                    LOG.info(madeMessage);
                }
            }
        }
        return made;
    }

    @Override
    public void close() {
        C made = client;
        if (made != null) {
            made.close();
        }
    }
}
