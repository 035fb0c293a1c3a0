package app.rechargeclose.lambda;

import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;

/**
 * Starts the {@link ClassPreloader}, then Quarkus, in the class loader that loaded this class.
 * {@link PreloadingStreamHandler} loads it through the {@link TaskClassLoader} and calls it only
 * through {@link Supplier} and {@link RequestStreamHandler}, types both loaders share.
 */
public final class QuarkusStarter implements Supplier<RequestStreamHandler> {

    @Override
    public RequestStreamHandler get() {
        ClassPreloader.start(QuarkusStarter.class.getClassLoader());
        return new QuarkusStreamHandler();
    }
}
