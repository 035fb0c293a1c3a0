package app.rechargeclose.wechatpay;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.ext.ContextResolver;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpClientOptions;

/**
 * The Vert.x options a REST client starts from, given to it as a JAX-RS context resolver: the TLS
 * handshake gets the same bound as the TCP connect, so a host that accepts connections but never
 * completes a handshake is a connection failure too (Vert.x would wait 10 s). The client's own
 * settings (connect timeout, TLS) are applied over these.
 */
@RegisterForReflection // the client reads the resolved type from this class's generic interface
final class ConnectionOptions implements ContextResolver<HttpClientOptions> {

    private final Duration handshakeTimeout;

    ConnectionOptions(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public HttpClientOptions getContext(Class<?> type) {
        return new HttpClientOptions().setSslHandshakeTimeout(handshakeTimeout.toMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }
}
