package app.rechargeclose.config;

/** Reads a secret's text by id; {@link SecretsManagerSource} in deployments. */
@FunctionalInterface
public interface SecretSource {

    String secretString(String secretId);
}
