package app.rechargeclose.aws;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.SdkClient;

/**
 * An AWS SDK client made on the first call that needs it, so neither it nor its classes are on the
 * start path, and closed with its owner. Says once, in the log, that it was made. Its calls block:
 * from reactive code they go through {@link #call}, which runs them on threads of their own.
 */
public final class ClientOnFirstUse<C extends SdkClient> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClientOnFirstUse.class);

    private final Supplier<C> make;
    private final String madeMessage;
    /**
     * Never the event loop; and not Quarkus's worker pool either: under the runtime interface client
     * on JDK 24+ its threads fail to start without {@code --add-opens java.base/java.lang}
     * (jboss-threads' thread-local reset). A cached pool starts no thread until a call needs one.
     */
    private final ExecutorService callers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "aws-sdk-caller");
        thread.setDaemon(true);
        return thread;
    });
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

    /** {@code call} with the client, on a thread of its own; fails with the SDK's exception. */
    public <T> Uni<T> call(Function<C, T> call) {
        return Uni.createFrom().item(() -> call.apply(get())).runSubscriptionOn(callers);
    }

    @Override
    public void close() {
        callers.shutdown();
        C made = client;
        if (made != null) {
            made.close();
        }
    }
}
