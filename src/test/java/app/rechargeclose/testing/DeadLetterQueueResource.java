package app.rechargeclose.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import app.rechargeclose.sandbox.WeChatPaySimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * The WeChat Pay simulator, and a dead-letter queue in moto_server's SQS named by
 * {@code sqs.dead-letter-queue-url}. The function's SQS client finds moto through the SDK's own
 * service-specific endpoint setting ({@code aws.endpointUrlSqs}, the system property twin of
 * {@code AWS_ENDPOINT_URL_SQS}). Init args: {@code queue}, the queue's name (ending in {@code .fifo}
 * for a FIFO one); {@code missing=true} names a queue that was never made, so every send fails;
 * {@code timeout}, WeChat Pay's deadline if not the tests' usual one.
 */
public class DeadLetterQueueResource implements QuarkusTestResourceLifecycleManager {

    private static final Map<String, String> SDK_PROPERTIES = Map.of("aws.region", MotoServer.REGION, "aws.accessKeyId", "testing",
            "aws.secretAccessKey", "testing");

    private static volatile MotoServer moto;
    private static volatile String queueUrl;
    private static volatile WeChatPaySimulator simulator;
    private Vertx vertx;
    private String queue = "recharge-close-dlq";
    private boolean missing;
    private String timeout;

    public static MotoServer moto() {
        return moto;
    }

    public static String queueUrl() {
        return queueUrl;
    }

    public static WeChatPaySimulator simulator() {
        return simulator;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        queue = initArgs.getOrDefault("queue", queue);
        missing = Boolean.parseBoolean(initArgs.getOrDefault("missing", "false"));
        timeout = initArgs.get("timeout");
    }

    @Override
    public Map<String, String> start() {
        try {
            moto = MotoServer.start();
            queueUrl = missing ? moto.endpoint() + "/123456789012/" + queue : moto.createQueue(queue);
            SDK_PROPERTIES.forEach(System::setProperty);
            System.setProperty("aws.endpointUrlSqs", moto.endpoint());
            vertx = Vertx.vertx();
            simulator = SimulatorResource.startSimulator(vertx, Duration.ZERO);
            Map<String, String> config = new HashMap<>(SimulatorResource.functionConfig(simulator.port()));
            config.put("sqs.dead-letter-queue-url", queueUrl);
            if (timeout != null) {
                config.put("wechatpay.timeout", timeout);
            }
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("could not set up moto_server", e);
        }
    }

    @Override
    public void stop() {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
        System.clearProperty("aws.endpointUrlSqs");
        try {
            moto.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
