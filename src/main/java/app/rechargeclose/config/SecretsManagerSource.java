package app.rechargeclose.config;

import java.util.Optional;

import jakarta.inject.Singleton;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the key secret from AWS Secrets Manager with the AWS SDK: region and credentials from
 * the Lambda environment, the JDK's HTTP client. Called once per container, at start, and only
 * when the keys are not configured directly; the client is closed right after.
 */
@Singleton
public class SecretsManagerSource implements SecretSource {

    @Override
    public String secretString(String secretId) {
        try (SecretsManagerClient client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.getSecretValue(request -> request.secretId(secretId)).secretString();
        } catch (AwsServiceException e) {
            throw refused(secretId, e);
        } catch (SdkException e) {
            throw new InvalidSettingException("wechatpay.secret-id", "could not reach AWS Secrets Manager to read " + secretId + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Not every service exception carries AWS's error details (a proxy's page, a throttled endpoint): the key is named all the same. */
    static InvalidSettingException refused(String secretId, AwsServiceException e) {
        String code = Optional.ofNullable(e.awsErrorDetails()).map(AwsErrorDetails::errorCode).orElse("no error code");
        return new InvalidSettingException("wechatpay.secret-id", "AWS Secrets Manager refused to read " + secretId + ": " + code + " (HTTP "
                + e.statusCode() + ")");
    }
}
