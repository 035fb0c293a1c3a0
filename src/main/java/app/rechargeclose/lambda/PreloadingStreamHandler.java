package app.rechargeclose.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.enterprise.inject.Vetoed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The handler AWS's {@code java21} runtime loads in JVM mode. It starts the {@link ClassPreloader}
 * before Quarkus starts (in {@link QuarkusStreamHandler}'s constructor), then passes every event to
 * Quarkus, which gives it to the handler {@code quarkus.lambda.handler} names. The native executable
 * does not use this class: it polls for events by itself. Not a bean: Quarkus must never pick it as
 * the handler it passes events to.
 */
@Vetoed
public class PreloadingStreamHandler implements RequestStreamHandler {

    static {
        ClassPreloader.start(PreloadingStreamHandler.class.getClassLoader());
    }

    private final QuarkusStreamHandler quarkus = new QuarkusStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        quarkus.handleRequest(input, output, context);
    }
}
