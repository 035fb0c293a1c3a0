package app.rechargeclose.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.config.InvalidSettingException;
import app.rechargeclose.config.SqsSettings;
import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.scheduler.CloseSchedules;
import app.rechargeclose.wechatpay.WechatPayClient;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValidationException;

/**
 * Tells Lambda why the native executable could not start, as AWS's runtime interface client does
 * for the JVM packages: a log line and a {@code POST /runtime/init/error} naming the setting at fault, never its
 * value when that is key material ({@link InvalidSettingException}'s message, or the configuration's
 * own for a typed setting). Quarkus's poll loop posts an init error of its own when the start fails
 * ("Interrupted while waiting for another thread to start the application"), and Lambda keeps the
 * first, so ours goes out before the start is unwound:
 * <ul>
 * <li>a setting that fails our checks fails the making of the WeChat Pay client, the close use case
 * the SQS or schedule settings, which this class asks for first, before the {@code @Startup} beans
 * ({@link #makeTheCheckedBeansFirst});
 * <li>a setting that fails Quarkus's own configuration fails before the poll loop runs, and
 * {@link LambdaMain} reports it when the start has failed.
 * </ul>
 * JVM packages never report here: the runtime interface client does, and a second report would be refused.
 */
@Singleton
public class StartFailureReport {

    private static final Logger LOG = Logger.getLogger(StartFailureReport.class);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    void makeTheCheckedBeansFirst(@Observes @Priority(1) StartupEvent event, Instance<WechatPayClient> client, Instance<RechargeCloser> closer,
            Instance<SqsSettings> sqs, Instance<CloseSchedules> schedules) {
        try {
            client.get();
            closer.get();
            sqs.get();
            schedules.get();
        } catch (RuntimeException e) {
            report(e);
            throw e;
        }
    }

    /**
     * Logs {@code failure} and posts it as the init error, once, when this is the native executable
     * (under a Lambda Runtime API): Quarkus's own log line of a failed start does not reach the
     * native executable's output, which the poll loop's shutdown or the unset logging cuts short.
     */
    static void report(Throwable failure) {
        if (ImageMode.current() != ImageMode.NATIVE_RUN || !REPORTED.compareAndSet(false, true)) {
            return;
        }
        Map<String, String> error = initError(failure);
        LOG.errorf("the function cannot start: %s", error.get("errorMessage"));
        String runtimeApi = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (runtimeApi == null || runtimeApi.isBlank()) {
            return;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + runtimeApi + "/2018-06-01/runtime/init/error")
                    .toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Lambda-Runtime-Function-Error-Type", "Runtime." + error.get("errorType"));
            try (OutputStream body = connection.getOutputStream()) {
                body.write(new ObjectMapper().writeValueAsBytes(error));
            }
            connection.getResponseCode();
            connection.disconnect();
        } catch (IOException e) {
            LOG.errorf("could not report the failed start to the Lambda Runtime API: %s", e.getClass().getName());
        }
    }

    /** The init error's {@code errorType} and {@code errorMessage}, from the cause that names a setting when there is one. */
    static Map<String, String> initError(Throwable failure) {
        Optional<Throwable> setting = causeNamingASetting(failure);
        Throwable root = rootCause(failure);
        Map<String, String> error = new LinkedHashMap<>();
        error.put("errorType", setting.orElse(root).getClass().getSimpleName());
        error.put("errorMessage", setting.map(Throwable::getMessage)
                .orElse("the function could not start: " + root.getClass().getName() + " (the log says why)"));
        return error;
    }

    private static Optional<Throwable> causeNamingASetting(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException || cause instanceof ConfigValidationException || cause instanceof ConfigurationException) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
