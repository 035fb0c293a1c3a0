package app.rechargeclose.lambda;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import app.rechargeclose.aws.ClientOnFirstUse;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sqs handler's own calls to SQS (dead letters, visibility of messages handed back): one SDK
 * client (the JDK's HTTP client; region, credentials and {@code AWS_ENDPOINT_URL_SQS}/
 * {@code AWS_ENDPOINT_URL} from the environment), made on the first call, so neither it nor its
 * classes are on the start path.
 */
@Singleton
public class SqsCalls {

    /** Logged once, when the first call makes the client: the start path never does. */
    static final String CLIENT_MADE = "made the SQS client of the sqs handler";

    /**
     * The SDK's client blocks, so calls run on threads of their own, never on the event loop. Not
     * Quarkus's worker pool: under the runtime interface client on JDK 24+ its threads fail to start
     * without {@code --add-opens java.base/java.lang} (jboss-threads' thread-local reset).
     */
    private final ExecutorService callers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "sqs-caller");
        thread.setDaemon(true);
        return thread;
    });
    private final ClientOnFirstUse<SqsClient> client = new ClientOnFirstUse<>(
            () -> SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), CLIENT_MADE);

    /** {@code call} with the client, on a thread of its own; fails with the SDK's exception. */
    <T> Uni<T> call(Function<SqsClient, T> call) {
        return Uni.createFrom().item(() -> call.apply(client.get())).runSubscriptionOn(callers);
    }

    @PreDestroy
    void close() {
        callers.shutdown();
        client.close();
    }
}
