package app.rechargeclose.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code moto_server}, the AWS API emulator installed on our machines, on a free loopback port:
 * real Secrets Manager, SQS and EventBridge Scheduler API calls, no AWS account. Started and stopped by the tests themselves.
 */
public final class MotoServer implements AutoCloseable {

    public static final String REGION = "ap-east-1";

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        MotoServer moto = new MotoServer(process, "http://127.0.0.1:" + port);
        moto.awaitReady(Duration.ofSeconds(30));
        return moto;
    }

    public String endpoint() {
        return endpoint;
    }

    /** What the function's AWS SDK needs to reach this emulator, as the SDK's own system properties. */
    public Map<String, String> sdkSystemProperties() {
        return Map.of("aws.endpointUrl", endpoint, "aws.region", REGION, "aws.accessKeyId", "testing", "aws.secretAccessKey", "testing");
    }

    /** The same, as the environment variables a function process reads. */
    public Map<String, String> sdkEnvironment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint, "AWS_REGION", REGION, "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing");
    }

    /**
     * Stores the test keys as a deployment does: one secret, JSON with {@code private_key},
     * {@code public_key} and {@code platform_certificates}.
     *
     * @return the secret's ARN, the value of {@code WECHATPAY_SECRET_ID}
     */
    public String createKeySecret(String name) throws IOException {
        String secret = new ObjectMapper().writeValueAsString(Map.of("private_key", TestKeys.merchantPrivateKey(),
                "public_key", TestKeys.platformPublicKey(), "platform_certificates", TestKeys.certificate()));
        try (SecretsManagerClient client = secretsManager()) {
            return client.createSecret(request -> request.name(name).secretString(secret)).arn();
        }
    }

    /** @return the new secret's ARN */
    public String createSecret(String name, String value) {
        try (SecretsManagerClient client = secretsManager()) {
            return client.createSecret(request -> request.name(name).secretString(value)).arn();
        }
    }

    /** A new current version of the secret, as a rotation puts it. */
    public void putSecretValue(String secretArn, String value) {
        try (SecretsManagerClient client = secretsManager()) {
            client.putSecretValue(request -> request.secretId(secretArn).secretString(value));
        }
    }

    /** Sets a function's environment up as the Terraform does: no key in it, the secret named instead, this emulator as AWS. */
    public void useKeySecret(Map<String, String> environment, String secretArn) {
        environment.remove("WECHATPAY_PRIVATE_KEY");
        environment.remove("WECHATPAY_PUBLIC_KEY");
        environment.remove("WECHATPAY_PLATFORM_CERTIFICATES");
        environment.put("WECHATPAY_SECRET_ID", secretArn);
        environment.putAll(sdkEnvironment());
    }

    public SecretsManagerClient secretsManager() {
        return client(SecretsManagerClient.builder());
    }

    public SchedulerClient scheduler() {
        return client(SchedulerClient.builder());
    }

    public EventBridgeClient eventBridge() {
        return client(EventBridgeClient.builder());
    }

    /**
     * A bus whose every event from {@code source} a rule delivers to {@code queueUrl}, as a platform
     * routes the events it consumes.
     *
     * @return the bus's name, the value of {@code EVENTS_BUS_NAME}
     */
    public String busToQueue(String busName, String source, String queueUrl) {
        try (EventBridgeClient events = eventBridge()) {
            events.createEventBus(request -> request.name(busName));
            events.putRule(request -> request.eventBusName(busName).name(busName + "-to-queue")
                    .eventPattern("{\"source\": [\"" + source + "\"]}"));
            events.putTargets(request -> request.eventBusName(busName).rule(busName + "-to-queue")
                    .targets(target -> target.id("queue").arn(queueArn(queueUrl))));
        }
        return busName;
    }

    /** @return the queue's ARN, as a schedule's target or a redrive policy names it */
    public String queueArn(String queueUrl) {
        try (SqsClient client = sqs()) {
            return client.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
        }
    }

    public SqsClient sqs() {
        return client(SqsClient.builder());
    }

    /** A client of this emulator, as the tests' own AWS calls make them. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(endpoint)).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }

    /** @return the queue's URL; a name ending in {@code .fifo} makes a FIFO queue */
    public String createQueue(String name) {
        try (SqsClient client = sqs()) {
            Map<QueueAttributeName, String> attributes = name.endsWith(".fifo") ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
            return client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
        }
    }

    /** Every message the queue holds now, with all its message and system attributes, taken off the queue. */
    public List<Message> drain(String queueUrl) {
        List<Message> messages = new ArrayList<>();
        try (SqsClient client = sqs()) {
            while (true) {
                List<Message> received = client.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All").waitTimeSeconds(0)).messages();
                if (received.isEmpty()) {
                    return messages;
                }
                messages.addAll(received);
                received.forEach(message -> client.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle())));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint + "/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException("moto_server did not start within " + timeout);
    }
}
