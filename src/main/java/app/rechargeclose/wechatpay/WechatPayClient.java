package app.rechargeclose.wechatpay;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.config.KeyMaterial;
import app.rechargeclose.config.SecretSource;
import app.rechargeclose.config.WechatPayConfig;
import app.rechargeclose.recharge.Recharge;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;

/**
 * The signed, verified WeChat Pay client. Built eagerly at start so that a missing or malformed
 * key stops the function before it takes its first event, with a message naming the setting.
 */
@Startup
@Singleton
public class WechatPayClient {

    private final RechargeApi api;
    private final Duration timeout;

    public WechatPayClient(WechatPayConfig config, SecretSource secrets, ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            @ConfigProperty(name = "quarkus.application.version") String applicationVersion) {
        URI baseUrl = checkedBaseUrl(config.baseUrl());
        requireText(config.mchid(), "wechatpay.mchid");
        requireText(config.merchantSerialNo(), "wechatpay.merchant-serial-no");
        requireText(config.publicKeyId(), "wechatpay.public-key-id");
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            throw new IllegalArgumentException("wechatpay.timeout: must be a positive duration");
        }
        WechatPayKeys keys = WechatPayKeys.from(KeyMaterial.resolve(config, secrets, json), config.publicKeyId());
        Clock clock = Clock.systemUTC();
        RequestAuthorizer authorizer = new RequestAuthorizer(config.mchid(), config.merchantSerialNo(), keys.signer(), clock,
                RequestAuthorizer.secureNonces());
        this.timeout = config.timeout();
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new SigningFilter(authorizer, config.publicKeyId(), userAgent(applicationName, applicationVersion)))
                .register(new VerifyingFilter(new ResponseValidator(keys.verifier(), clock)))
                .register(new ErrorAnswerMapper(json))
                .build(RechargeApi.class);
    }

    /** Closes a recharge; fails with a {@link WechatPayException} saying why no trusted answer came. */
    public Uni<WechatPayAnswer<Recharge>> closeRecharge(String outRechargeNo, String subMchid) {
        return api.close(outRechargeNo, subMchid)
                .ifNoItem().after(timeout).failWith(() -> new UpstreamTimeoutException("WeChat Pay did not answer within " + timeout))
                .onFailure().transform(UpstreamFailures::classify)
                .map(WechatPayClient::answer);
    }

    private static WechatPayAnswer<Recharge> answer(RestResponse<Recharge> response) {
        String requestId = response.getHeaderString(VerifyingFilter.REQUEST_ID);
        if (response.getEntity() == null) {
            throw new UpstreamUnavailableException("WeChat Pay's verified answer has no recharge object", requestId);
        }
        return new WechatPayAnswer<>(response.getEntity(), requestId);
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

    /** WeChat Pay is only ever spoken to over TLS; plain http is allowed for a simulator on loopback. */
    static URI checkedBaseUrl(URI baseUrl) {
        String scheme = baseUrl.getScheme();
        String host = baseUrl.getHost();
        if (host == null || scheme == null) {
            throw new IllegalArgumentException("wechatpay.base-url: must be an absolute URL such as https://api.mch.weixin.qq.com");
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return baseUrl;
        }
        if ("http".equalsIgnoreCase(scheme) && isLoopback(host)) {
            return baseUrl;
        }
        throw new IllegalArgumentException("wechatpay.base-url: must use https (plain http only for a loopback host), got " + baseUrl);
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
