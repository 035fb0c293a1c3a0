package app.rechargeclose.config;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.events.CloseEvents;
import io.smallrye.config.ConfigMapping;

/** Where the outcome of every close is put: the platform's EventBridge bus. */
@ConfigMapping(prefix = "events")
public interface EventsConfig {

    /** The bus's name or ARN ({@code EVENTS_BUS_NAME}); unset, no events (local use). */
    Optional<String> busName();

    @Singleton
    class Producer {

        @Produces
        @Singleton
        CloseEvents closeEvents(EventsConfig config, ObjectMapper json) {
            return new CloseEvents(config.busName().filter(name -> !name.isBlank()), json);
        }
    }
}
