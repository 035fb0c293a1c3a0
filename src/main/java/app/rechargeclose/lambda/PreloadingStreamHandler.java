package app.rechargeclose.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * The handler AWS's {@code java21} runtime loads in JVM mode. It moves the package into a
 * {@link TaskClassLoader}, where {@link QuarkusStarter} starts the {@link ClassPreloader} and then
 * Quarkus ({@link QuarkusStreamHandler}); every event then goes to Quarkus, which gives it to the
 * handler {@code quarkus.lambda.handler} names.
 *
 * <p>It does not implement {@code RequestStreamHandler}: the runtime finds {@code handleRequest} by
 * its name and parameters, while Quarkus takes every implementation it finds for one of its own
 * handlers. The native executable does not use this class: it polls for events by itself.
 */
public class PreloadingStreamHandler {

    private final RequestStreamHandler quarkus;

    /** Only the runtime makes one; Quarkus's own start-up may load this class, or initialise it, but never makes one. */
    public PreloadingStreamHandler() {
        ClassLoader loader = TaskClassLoader.replacing(PreloadingStreamHandler.class.getClassLoader());
        // Quarkus and the libraries it starts look classes and resources up through this thread's loader.
        Thread.currentThread().setContextClassLoader(loader);
        quarkus = starterIn(loader).get();
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        quarkus.handleRequest(input, output, context);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<RequestStreamHandler> starterIn(ClassLoader loader) {
        try {
            return (Supplier<RequestStreamHandler>) Class.forName(QuarkusStarter.class.getName(), true, loader).getConstructor().newInstance();
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("could not load " + QuarkusStarter.class.getName() + " from the function's package", e);
        }
    }
}
