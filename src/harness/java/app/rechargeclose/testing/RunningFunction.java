package app.rechargeclose.testing;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import io.vertx.core.Vertx;

/**
 * The packaged function running as AWS runs it, with everything around it on loopback: the
 * WeChat Pay simulator it calls over https, as it calls WeChat Pay (so a bundled runtime without
 * TLS, or a function that cannot reach an https host, fails here), and the Runtime API emulator it
 * polls. Ready once it asked for its first event.
 */
public record RunningFunction(Vertx vertx, WeChatPaySimulator simulator, LambdaRuntimeEmulator runtime, PackagedFunction function)
        implements AutoCloseable {

    /** How a package is started against the emulator: {@link PackagedFunction#start(LambdaRuntimeEmulator, Map)} or another layout. */
    @FunctionalInterface
    public interface Launcher {
        PackagedFunction start(LambdaRuntimeEmulator runtime, Map<String, String> environment) throws IOException;
    }

    /** @param adjust changes the deployment's environment (see {@link PackagedFunction#environmentFor}) before the start */
    public static RunningFunction start(String handler, Consumer<Map<String, String>> adjust) throws Exception {
        return start(handler, adjust, PackagedFunction::start);
    }

    /** The same, with the package started by {@code launcher}. */
    public static RunningFunction start(String handler, Consumer<Map<String, String>> adjust, Launcher launcher) throws Exception {
        Vertx vertx = Vertx.vertx();
        WeChatPaySimulator simulator = SimulatorResource.startHttpsSimulator(vertx);
        Map<String, String> environment = PackagedFunction.environmentFor(handler, simulator);
        adjust.accept(environment);
        LambdaRuntimeEmulator runtime = new LambdaRuntimeEmulator();
        PackagedFunction function = launcher.start(runtime, environment);
        runtime.firstPoll().get(60, TimeUnit.SECONDS);
        return new RunningFunction(vertx, simulator, runtime, function);
    }

    @Override
    public void close() throws Exception {
        function.close();
        runtime.close();
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
