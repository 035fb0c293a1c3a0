package app.rechargeclose.wechatpay;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.config.KeyMaterial;
import app.rechargeclose.config.SecretSource;
import app.rechargeclose.config.WechatPayConfig;
import app.rechargeclose.recharge.Recharge;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The signed, verified WeChat Pay client: one call, one attempt, on the host asked for. Built
 * eagerly at start so that a missing or malformed key stops the function before it takes its
 * first event, with a message naming the setting.
 */
@Startup
@Singleton
public class WechatPayClient {

    /** The two access points: the nearest one, and the remote one for failover. */
    public enum Host { PRIMARY, BACKUP }

    /** The recharge API's operations this function uses. */
    public enum Operation {
        CLOSE(RechargeApi::close), QUERY(RechargeApi::query);

        private final Call call;

        Operation(Call call) {
            this.call = call;
        }
    }

    @FunctionalInterface
    private interface Call {
        Uni<RestResponse<String>> on(RechargeApi api, String outRechargeNo, String subMchid);
    }

    private final WechatPayKeys keys;
    private final ObjectMapper json;
    private final RechargeApi primary;
    private final RechargeApi backup;
    private final Duration timeout;

    /** @param secrets only asked for when the keys are not configured directly: the AWS SDK stays off the start path otherwise */
    public WechatPayClient(WechatPayConfig config, Provider<SecretSource> secrets, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "quarkus.application.version") String applicationVersion) {
        URI baseUrl = checkedBaseUrl(config.baseUrl(), "wechatpay.base-url");
        URI backupBaseUrl = checkedBaseUrl(config.backupBaseUrl(), "wechatpay.backup-base-url");
        requireText(config.mchid(), "wechatpay.mchid");
        requireText(config.merchantSerialNo(), "wechatpay.merchant-serial-no");
        requireText(config.publicKeyId(), "wechatpay.public-key-id");
        requirePositive(config.timeout(), "wechatpay.timeout");
        requirePositive(config.connectTimeout(), "wechatpay.connect-timeout");
        this.json = json;
        this.keys = WechatPayKeys.from(KeyMaterial.resolve(config, secretId -> secrets.get().secretString(secretId), json), config.publicKeyId());
        Clock clock = Clock.systemUTC();
        RequestAuthorizer authorizer = new RequestAuthorizer(config.mchid(), config.merchantSerialNo(), keys.signer(), clock,
                RequestAuthorizer.secureNonces());
        SigningFilter signing = new SigningFilter(authorizer, config.publicKeyId(), userAgent(applicationName, applicationVersion));
        VerifyingFilter verifying = new VerifyingFilter(new ResponseValidator(keys.verifier(), clock));
        ErrorAnswerMapper errors = new ErrorAnswerMapper(json);
        this.timeout = config.timeout();
        // Never longer than an attempt: the attempt's own deadline would end a slow connect first.
        Duration connectTimeout = config.connectTimeout().compareTo(timeout) < 0 ? config.connectTimeout() : timeout;
        Function<URI, RechargeApi> clientFor = base -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new ConnectionOptions(connectTimeout))
                .register(signing)
                .register(verifying)
                .register(errors)
                .build(RechargeApi.class);
        this.primary = clientFor.apply(baseUrl);
        this.backup = clientFor.apply(backupBaseUrl);
    }

    /** @see WechatPayKeys#selfCheck() */
    public boolean selfCheck() {
        return keys.selfCheck();
    }

    /** The configured deadline of one attempt. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * One signed attempt; fails with a {@link WechatPayException} saying why no trusted answer came.
     * Each attempt is signed afresh (new timestamp and nonce) by the filter.
     *
     * @param deadline at most {@link #timeout()}: how long this attempt may take
     */
    public Uni<WechatPayAnswer<Recharge>> call(Operation operation, Host host, String outRechargeNo, String subMchid, Duration deadline) {
        RechargeApi api = host == Host.PRIMARY ? primary : backup;
        return Uni.createFrom().deferred(() -> operation.call.on(api, outRechargeNo, subMchid))
                .ifNoItem().after(deadline).failWith(() -> new UpstreamTimeoutException("WeChat Pay did not answer within " + deadline.toMillis() + " ms"))
                .onFailure().transform(UpstreamFailures::classify)
                .map(this::answer);
    }

    /** Parsed only now: VerifyingFilter has checked these exact bytes. */
    private WechatPayAnswer<Recharge> answer(RestResponse<String> response) {
        String requestId = response.getHeaderString(VerifyingFilter.REQUEST_ID);
        String text = response.getEntity();
        try {
            Recharge recharge = text == null || text.isBlank() ? null : json.readValue(text, Recharge.class);
            if (recharge == null) {
                throw UpstreamUnavailableException.answered(response.getStatus(), "WeChat Pay's verified answer has no recharge object", requestId);
            }
            return new WechatPayAnswer<>(recharge, text, requestId);
        } catch (JsonProcessingException notARecharge) {
            throw UpstreamUnavailableException.answered(response.getStatus(), "WeChat Pay's verified answer is not a readable recharge object",
                    requestId);
        }
    }

    static String userAgent(String applicationName, String applicationVersion) {
        return applicationName + "/" + applicationVersion + " (" + System.getProperty("os.name") + "; " + System.getProperty("os.arch")
                + ") Java/" + System.getProperty("java.version");
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": must not be blank");
        }
    }

    private static void requirePositive(Duration value, String key) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration");
        }
    }

    /** WeChat Pay is only ever spoken to over TLS; plain http is allowed for a simulator on loopback. */
    static URI checkedBaseUrl(URI baseUrl, String key) {
        String scheme = baseUrl.getScheme();
        String host = baseUrl.getHost();
        if (host == null || scheme == null) {
            throw new IllegalArgumentException(key + ": must be an absolute URL such as https://api.mch.weixin.qq.com");
        }
        if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) && isLoopback(host)) {
            return baseUrl;
        }
        throw new IllegalArgumentException(key + ": must use https (plain http only for a loopback host), got " + baseUrl);
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost would need DNS to judge
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
