package app.rechargeclose.lambda;

import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import app.rechargeclose.aws.ClientOnFirstUse;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sqs handler's own calls to SQS (dead letters, visibility of messages handed back), all on one
 * SDK client (the JDK's HTTP client; region, credentials and {@code AWS_ENDPOINT_URL_SQS}/
 * {@code AWS_ENDPOINT_URL} from the environment), made on the first call, so neither it nor its
 * classes are on the start path.
 */
@Singleton
public class SqsCalls {

    /** Logged once, when the first call makes the client: the start path never does. */
    static final String CLIENT_MADE = "made the SQS client of the sqs handler";

    private final ClientOnFirstUse<SqsClient> client = new ClientOnFirstUse<>(
            () -> SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), CLIENT_MADE);

    /** @see ClientOnFirstUse#call */
    <T> Uni<T> call(Function<SqsClient, T> call) {
        return client.call(call);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
