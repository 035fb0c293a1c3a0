package app.rechargeclose.startup;

import java.util.function.BiConsumer;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The native executable's entry point ({@code provided.al2023} runs it as {@code bootstrap}; it
 * polls the Runtime API by itself): Quarkus's own start, whose failure is also reported to Lambda
 * ({@link StartFailureReport}) before the process exits as Quarkus exits it. The JVM packages never
 * run it: AWS's runtime interface client is their main.
 */
@QuarkusMain
public final class LambdaMain {

    private LambdaMain() {
    }

    public static void main(String... args) {
        BiConsumer<Integer, Throwable> quarkusExit = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                StartFailureReport.report(failure);
            }
            quarkusExit.accept(exitCode, failure);
        }, args);
    }
}
