package app.rechargeclose.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The handler AWS's {@code java21} runtime loads in JVM mode. It starts the {@link ClassPreloader}
 * before Quarkus starts (in {@link QuarkusStreamHandler}'s constructor), then passes every event to
 * Quarkus, which gives it to the handler {@code quarkus.lambda.handler} names.
 *
 * <p>It does not implement {@code RequestStreamHandler}: the runtime finds {@code handleRequest} by
 * its name and parameters, while Quarkus takes every implementation it finds for one of its own
 * handlers. The native executable does not use this class: it polls for events by itself.
 */
public class PreloadingStreamHandler {

    private final QuarkusStreamHandler quarkus;

    /** Only the runtime makes one; Quarkus's own start-up may load this class, or initialise it, but never makes one. */
    public PreloadingStreamHandler() {
        ClassPreloader.start(PreloadingStreamHandler.class.getClassLoader());
        quarkus = new QuarkusStreamHandler();
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        quarkus.handleRequest(input, output, context);
    }
}
