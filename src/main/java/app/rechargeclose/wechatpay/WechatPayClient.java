package app.rechargeclose.wechatpay;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * The signed, verified WeChat Pay client: two Quarkus REST clients of {@link RechargeApi} (one per
 * {@link Host}) whose filters sign every request and verify every answer; one call, one attempt.
 * It trusts its settings: {@code config/} checked them and names the one that is wrong.
 */
public final class WechatPayClient implements WechatPay {

    /**
     * @param connectTimeout bound on the TCP connect and, separately, the TLS handshake; kept below
     *                       {@code timeout}, so an access point that cannot be reached shows as a
     *                       connection failure, and the request can go to the backup host
     */
    public record Settings(String mchid, URI baseUrl, URI backupBaseUrl, Duration timeout, Duration connectTimeout, String userAgent) {
    }

    private final ObjectReader answers;
    private final RechargeApi primary;
    private final RechargeApi backup;
    private final Duration timeout;
    private final Keyring keyring;
    private final ResponseValidator validator;

    /** @param keyring the keys of each call, read again when an answer names an unknown serial or WeChat Pay refuses our signature */
    public WechatPayClient(Settings settings, Keyring keyring, ObjectMapper json) {
        this.answers = json.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.timeout = settings.timeout();
        this.keyring = keyring;
        Clock clock = Clock.systemUTC();
        this.validator = new ResponseValidator(clock);
        SigningFilter signing = new SigningFilter(new RequestAuthorizer(settings.mchid(), clock, RequestAuthorizer.secureNonces()), keyring,
                settings.userAgent());
        VerifyingFilter verifying = new VerifyingFilter(validator, keyring);
        ErrorAnswerMapper errors = new ErrorAnswerMapper(json);
        // Never longer than an attempt: the attempt's own deadline would end a slow connect first.
        Duration connectTimeout = settings.connectTimeout().compareTo(timeout) < 0 ? settings.connectTimeout() : timeout;
        this.primary = client(settings.baseUrl(), connectTimeout, signing, verifying, errors);
        this.backup = client(settings.backupBaseUrl(), connectTimeout, signing, verifying, errors);
    }

    /**
     * No read timeout: one timer bounds an attempt, {@link #call}'s, and its cancellation resets the
     * request (the connection goes with it). A read timeout of the same length raced it, and when it
     * fired first the attempt ended as a closed connection (a 502, and a failover) instead of a timeout.
     */
    private RechargeApi client(URI baseUrl, Duration connectTimeout, Object... filters) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(new ConnectionOptions(connectTimeout));
        for (Object filter : filters) {
            builder.register(filter);
        }
        return builder.build(RechargeApi.class);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    /**
     * Each attempt is signed afresh (new timestamp and nonce) by the filter, with keys no older than
     * their max age. Keys that changed are taken up within the attempt, and its deadline: an answer
     * signed under a serial we do not hold is verified again after the keys were read again, and a
     * 401 SIGN_ERROR is sent once more when reading them again gave another merchant key or serial.
     */
    @Override
    public <T> Uni<WechatPayAnswer<T>> call(Operation operation, Host host, String outRechargeNo, String subMchid, Duration deadline,
            Class<T> type) {
        RechargeApi api = host == Host.PRIMARY ? primary : backup;
        return keyring.fresh()
                .chain(() -> send(operation, api, outRechargeNo, subMchid))
                .ifNoItem().after(deadline).failWith(() -> WechatPayException.timedOut("WeChat Pay did not answer within " + deadline.toMillis() + " ms"))
                .onFailure().transform(UpstreamFailures::classify)
                .map(verified -> answer(verified, type));
    }

    private Uni<VerifiedBytes> send(Operation operation, RechargeApi api, String outRechargeNo, String subMchid) {
        WechatPayKeys signedWith = keyring.current();
        return verified(operation, api, outRechargeNo, subMchid)
                .onFailure(failure -> WechatPayException.verdictOf(failure).filter(verdict -> verdict == Verdict.SIGNATURE_REJECTED).isPresent())
                .recoverWithUni(rejected -> keyring.reread().chain(keys -> keys.signsLike(signedWith)
                        ? Uni.createFrom().failure(rejected)
                        : verified(operation, api, outRechargeNo, subMchid)));
    }

    private Uni<VerifiedBytes> verified(Operation operation, RechargeApi api, String outRechargeNo, String subMchid) {
        return Uni.createFrom().deferred(() -> operation.on(api, outRechargeNo, subMchid))
                .map(response -> new VerifiedBytes(response.getStatus(), response.getHeaderString(VerifyingFilter.REQUEST_ID),
                        response.getEntity()))
                .onFailure(UnknownSerialException.class)
                .recoverWithUni(unknown -> keyring.reread().map(keys -> ((UnknownSerialException) unknown).verifyWith(validator, keys)));
    }

    /**
     * Decoded and parsed only now, once: VerifyingFilter has checked these exact bytes, and the text
     * read is the text passed on. Bytes that are not UTF-8 are no answer, rather than text with
     * replacement characters; so is a JSON object with a key twice, since which one counts is a guess.
     */
    private <T> WechatPayAnswer<T> answer(VerifiedBytes response, Class<T> type) {
        String requestId = response.requestId();
        byte[] bytes = response.body();
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes)).toString();
            T body = text.isBlank() ? null : answers.forType(type).readValue(text);
            if (body == null) {
                throw WechatPayException.answered(response.status(), null, "WeChat Pay's verified answer has no " + nameOf(type) + " object",
                        requestId);
            }
            return new WechatPayAnswer<>(body, text, Optional.ofNullable(requestId).filter(id -> !id.isBlank()));
        } catch (CharacterCodingException | JsonProcessingException | IllegalArgumentException unreadable) {
            throw WechatPayException.answered(response.status(), null, "WeChat Pay's verified answer is not a readable " + nameOf(type)
                    + " object", requestId);
        }
    }

    /** "recharge" for {@code Recharge}: only an answer that cannot be read needs it. */
    private static String nameOf(Class<?> type) {
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** WeChat Pay asks every caller for a User-Agent naming the program and its platform. */
    public static String userAgent(String applicationName, String applicationVersion) {
        return applicationName + "/" + applicationVersion + " (" + System.getProperty("os.name") + "; " + System.getProperty("os.arch")
                + ") Java/" + System.getProperty("java.version");
    }
}
