package app.rechargeclose.config;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import app.rechargeclose.aws.ClientOnFirstUse;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the key secret from AWS Secrets Manager with the AWS SDK: region and credentials from
 * the Lambda environment, the JDK's HTTP client. Read at start, then again as the keyring decides
 * (their max age, an unknown serial, a refused signature), with one client made on the first read
 * and kept. A read never takes longer than {@link #API_CALL_TIMEOUT}.
 */
@Singleton
public class SecretsManagerSource implements SecretSource {

    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ClientOnFirstUse<SecretsManagerClient> client = new ClientOnFirstUse<>(() -> SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(API_CALL_TIMEOUT).build()).build(),
            "made the Secrets Manager client");

    @Override
    public String secretString(String secretId) {
        try {
            return client.get().getSecretValue(request -> request.secretId(secretId)).secretString();
        } catch (AwsServiceException e) {
            throw refused(secretId, e);
        } catch (SdkException e) {
            throw new InvalidSettingException(KeyMaterial.SECRET, "could not reach AWS Secrets Manager to read " + secretId + ": "
                    + e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Not every service exception carries AWS's error details (a proxy's page, a throttled endpoint): the key is named all the same. */
    static InvalidSettingException refused(String secretId, AwsServiceException e) {
        String code = Optional.ofNullable(e.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse("no error code");
        return new InvalidSettingException(KeyMaterial.SECRET, "AWS Secrets Manager refused to read " + secretId + ": " + code + " (HTTP "
                + e.statusCode() + ")");
    }
}
