package app.rechargeclose.events;

import java.util.Optional;

import jakarta.annotation.PreDestroy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.aws.ClientOnFirstUse;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * Puts each close's outcome on the platform's EventBridge bus ({@code events.bus-name}), one event
 * per outcome: source {@link #SOURCE}, detail-type {@link #DETAIL_TYPE}. At least once: a consumer
 * drops duplicates by the detail's {@code event_id}. The SDK's client (JDK HTTP client; region,
 * credentials and endpoint from the environment) is made on the first event, off the start path.
 */
public class CloseEvents implements AutoCloseable {

    public static final String SOURCE = "recharge-close";
    public static final String DETAIL_TYPE = "Recharge close outcome";
    static final String CLIENT_MADE = "made the EventBridge client of the outcome events";

    private final Optional<String> busName;
    private final ObjectMapper json;
    private final ClientOnFirstUse<EventBridgeClient> client = new ClientOnFirstUse<>(() -> EventBridgeClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(java.time.Duration.ofSeconds(5)).build()).build(),
            CLIENT_MADE);

    /** @param busName empty when this deployment puts no events (local use) */
    public CloseEvents(Optional<String> busName, ObjectMapper json) {
        this.busName = busName;
        this.json = json;
    }

    public boolean isEnabled() {
        return busName.isPresent();
    }

    /** Completes once EventBridge took the event; fails when it did not (the call failed, or the entry was refused). */
    public Uni<Void> put(CloseEvent event) {
        String bus = busName.orElseThrow(() -> new IllegalStateException("events.bus-name is not set"));
        String detail = write(event);
        return client.call(events -> events.putEvents(request -> request.entries(entry -> entry.eventBusName(bus).source(SOURCE)
                .detailType(DETAIL_TYPE).time(event.time()).detail(detail)))).invoke(CloseEvents::taken).replaceWithVoid();
    }

    /** A 200 whose entry EventBridge refused is no event put. */
    private static void taken(PutEventsResponse response) {
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new EventNotPutException(response.entries().getFirst().errorCode());
        }
    }

    private String write(CloseEvent event) {
        try {
            return json.writeValueAsString(event.detail());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome event cannot be written as JSON", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        client.close();
    }

    /** EventBridge answered, but refused the entry (throttled, too large, an internal failure). */
    public static final class EventNotPutException extends RuntimeException {
        EventNotPutException(String errorCode) {
            super("EventBridge did not take the event: " + errorCode, null, false, false);
        }
    }
}
