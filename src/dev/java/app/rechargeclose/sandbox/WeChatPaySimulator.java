package app.rechargeclose.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A local stand-in for WeChat Pay's recharge close API, for dev mode, tests and benchmarks. It is
 * deliberately independent of the production code: it checks our Authorization header with its own
 * parsing and verification, rejects what WeChat Pay rejects, and signs its answers as WeChat Pay
 * does. The prefix of {@code out_recharge_no} picks the answer, a {@link Scenario}, so every
 * outcome can be tried by hand: {@code E404…} answers 404, {@code PROBE…} sends a probe signature.
 */
public final class WeChatPaySimulator implements AutoCloseable {

    private static final Pattern RECHARGE_PATH = Pattern.compile("/v3/platsolution/ecommerce/recharges/out-recharge-no/([^/?]+)(/close)?");
    private static final Pattern AUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final String NGINX_404 = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    private static final String NGINX_502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /**
     * @param merchantPublicKey verifies our requests; {@code platformKey} signs answers as the
     *        WeChat Pay public key {@code publicKeyId}; {@code certificateKey} signs {@code CERT…}
     *        answers as the platform certificate {@code certificateSerial} (both may be null);
     *        {@code latency} delays every answer; {@code slowDelay} delays {@code SLOW…} answers
     */
    public record Settings(String mchid, String merchantSerialNo, PublicKey merchantPublicKey, String publicKeyId, PrivateKey platformKey,
            String certificateSerial, PrivateKey certificateKey, Duration latency, Duration slowDelay) {
    }

    /**
     * Answers a call before the scenarios do, for tests that need recharges with a state of their own
     * (the soak test's); empty lets the scenario of {@code outRechargeNo} answer.
     */
    @FunctionalInterface
    public interface Responder {
        Optional<Answer> answer(boolean close, String outRechargeNo, JsonObject recharge);
    }

    /**
     * The keys WeChat Pay holds for the merchant now: the merchant certificate it accepts requests
     * under, and the public key it signs answers with. They change over a merchant's years, and
     * {@link #rotate} changes them while the function runs.
     */
    public record Keys(String merchantSerialNo, PublicKey merchantPublicKey, String publicKeyId, PrivateKey platformKey) {
    }

    /** One request as the simulator saw it. */
    public record Call(String method, String uri, String authorization, boolean signatureValid, String userAgent, String accept,
            String wechatpaySerial) {
    }

    private final Settings settings;
    private final Vertx vertx;
    private final HttpServer server;
    private final boolean tls;
    private final SecureRandom random = new SecureRandom();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private volatile Duration latency;
    private volatile Keys keys;
    private volatile Responder first = (close, outRechargeNo, recharge) -> Optional.empty();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private WeChatPaySimulator(Vertx vertx, Settings settings, HttpServerOptions options) {
        this.settings = settings;
        this.vertx = vertx;
        this.latency = settings.latency();
        this.keys = new Keys(settings.merchantSerialNo(), settings.merchantPublicKey(), settings.publicKeyId(), settings.platformKey());
        this.server = vertx.createHttpServer(options);
        this.tls = options.isSsl();
    }

    public static WeChatPaySimulator start(Vertx vertx, Settings settings, int port) {
        return start(vertx, settings, port, new HttpServerOptions());
    }

    /** @param options the server's options: with TLS set there, it answers {@code https} as WeChat Pay does */
    public static WeChatPaySimulator start(Vertx vertx, Settings settings, int port, HttpServerOptions options) {
        WeChatPaySimulator simulator = new WeChatPaySimulator(vertx, settings, options);
        simulator.server.requestHandler(simulator::handle).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        return simulator;
    }

    public int port() {
        return server.actualPort();
    }

    /** Where the function finds this simulator through {@code host}: {@code https} when it was started with TLS. */
    public String baseUrl(String host) {
        return (tls ? "https" : "http") + "://" + host + ":" + port();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Changes how long every answer takes from now on. */
    public void setLatency(Duration latency) {
        this.latency = latency;
    }

    /** From now on, requests are accepted under these merchant keys only, and answers signed with this public key. */
    public void rotate(Keys keys) {
        this.keys = keys;
    }

    /** How long a late answer ({@code SLOW…}) comes after it was due. */
    public Duration slowDelay() {
        return settings.slowDelay();
    }

    /** From now on, {@code responder} answers first. */
    public void answerFirst(Responder responder) {
        this.first = responder;
    }

    /** The most requests that were being answered at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The close calls whose path names this out_recharge_no. */
    public List<Call> callsFor(String outRechargeNo) {
        return calls.stream().filter(call -> call.uri().contains("/out-recharge-no/" + outRechargeNo + "/close")).toList();
    }

    /** The query calls whose path names this out_recharge_no. */
    public List<Call> queriesFor(String outRechargeNo) {
        return calls.stream().filter(call -> call.uri().contains("/out-recharge-no/" + outRechargeNo + "?")).toList();
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        request.body().onSuccess(body -> {
            String uri = request.uri();
            boolean signatureValid = signatureValid(request.method().name(), uri, request.getHeader("Authorization"), body.toString(StandardCharsets.UTF_8));
            calls.add(new Call(request.method().name(), uri, request.getHeader("Authorization"), signatureValid, request.getHeader("User-Agent"), request.getHeader("Accept"),
                    request.getHeader("Wechatpay-Serial")));
            Answer answer = answerFor(request, signatureValid);
            Duration delay = answer.delay().plus(latency);
            if (delay.isZero()) {
                send(request, answer);
            } else {
                vertx.setTimer(delay.toMillis(), timer -> send(request, answer));
            }
        });
    }

    private Answer answerFor(HttpServerRequest request, boolean signatureValid) {
        Matcher path = RECHARGE_PATH.matcher(request.path());
        boolean close = path.matches() && path.group(2) != null;
        if (!path.matches() || !request.method().name().equals(close ? "POST" : "GET")) {
            return Answer.html(404, NGINX_404);
        }
        if (request.getHeader("Accept") == null || request.getHeader("User-Agent") == null) {
            return Answer.error(400, "INVALID_REQUEST", "Http头缺少Accept或User-Agent");
        }
        if (!signatureValid) {
            return Answer.error(401, "SIGN_ERROR", "签名错误");
        }
        String subMchid = request.getParam("sub_mchid");
        if (subMchid == null || subMchid.isEmpty()) {
            return Answer.error(400, "PARAM_ERROR", "缺少参数sub_mchid");
        }
        String outRechargeNo = path.group(1);
        JsonObject recharge = recharge(outRechargeNo, subMchid);
        Optional<Answer> answer = first.answer(close, outRechargeNo, recharge);
        if (answer.isPresent()) {
            return answer.get();
        }
        Scenario scenario = Scenario.of(outRechargeNo);
        return close ? closeAnswer(scenario, recharge, attempts.merge(outRechargeNo, 1, Integer::sum)) : queryAnswer(scenario, recharge);
    }

    /**
     * What the query API says after a close: the recharge is still open when the close failed, so a
     * query only tells a different story in the scenarios made for it.
     */
    private static Answer queryAnswer(Scenario scenario, JsonObject recharge) {
        return switch (scenario) {
            case DOUBTCLOSED, DOUBT400, CLOSEDBEFORE, HANG, PROBECLOSED -> Answer.signed(recharge.encode(), Signing.PUBLIC_KEY);
            case QUERYOTHER -> Answer.signed(recharge.put("out_recharge_no", "cz2020042013").encode(), Signing.PUBLIC_KEY);
            case DOUBTPAID, RACE -> Answer.signed(inState(recharge, "SUCCESS", "充值成功").encode(), Signing.PUBLIC_KEY);
            case DOWN -> Answer.error(500, "SYSTEM_ERROR", "系统错误");
            case E404 -> Answer.error(404, "ORDER_NOT_EXIST", "充值单不存在");
            default -> Answer.signed(inState(recharge, "RECHARGING", "充值中").encode(), Signing.PUBLIC_KEY);
        };
    }

    /** Every scenario has its close answer here: the switch has no default, so a new one cannot be forgotten. */
    private Answer closeAnswer(Scenario scenario, JsonObject recharge, int attempt) {
        return switch (scenario) {
            case CLOSES -> Answer.signed(recharge.encode(), Signing.PUBLIC_KEY);
            case E400, CLOSEDBEFORE -> Answer.error(400, "INVALID_REQUEST", "当前充值单状态不允许关闭");
            case E401 -> Answer.error(401, "SIGN_ERROR", "签名错误");
            case E403 -> Answer.error(403, "NO_AUTH", "商户无权限");
            case E404 -> Answer.error(404, "ORDER_NOT_EXIST", "充值单不存在");
            case E429 -> Answer.error(429, "FREQUENCY_LIMITED", "请求频率超限");
            case E500, DOUBTCLOSED, DOUBTPAID, DOWN, QUERYOTHER -> Answer.error(500, "SYSTEM_ERROR", "系统错误");
            case PARAMERR -> Answer.error(400, "PARAM_ERROR", "参数错误");
            case HANG -> Answer.HANG;
            case OTHERNO -> Answer.signed(recharge.put("out_recharge_no", "cz2020042013").encode(), Signing.PUBLIC_KEY);
            case OTHERSUB -> Answer.signed(recharge.put("sub_mchid", "1900009999").encode(), Signing.PUBLIC_KEY);
            case OTHERSP -> Answer.signed(recharge.put("sp_mchid", "1900000999").encode(), Signing.PUBLIC_KEY);
            case RACE -> Answer.error(429, "FREQUENCY_LIMITED", "请求频率超限，请稍后重试");
            case NOTJSON -> Answer.signed("<html>ok</html>", Signing.PUBLIC_KEY);
            case TRUNCATED -> Answer.TRUNCATED;
            case HTML -> Answer.html(502, NGINX_502);
            case HTML429 -> Answer.html(429, "<html><body><h1>429 Too Many Requests</h1></body></html>");
            case FAKECLOSED -> Answer.error(400, "CLOSED", "an error body that only claims the recharge is closed");
            case DOUBT400 -> attempt == 1 ? Answer.signed(recharge.encode(), Signing.PUBLIC_KEY).after(settings.slowDelay())
                    : Answer.error(400, "INVALID_REQUEST", "当前充值单状态不允许关闭");
            case RESET -> Answer.RESET;
            case FLAKY -> attempt <= 2 ? Answer.error(500, "SYSTEM_ERROR", "系统错误") : Answer.signed(recharge.encode(), Signing.PUBLIC_KEY);
            case SLOW -> Answer.signed(recharge.encode(), Signing.PUBLIC_KEY).after(settings.slowDelay());
            case SEED -> Answer.signed(seedEra(recharge).encode(), Signing.PUBLIC_KEY);
            case NEWENUM -> Answer.signed(withUnknownValues(recharge).encode(), Signing.PUBLIC_KEY);
            case RETYPED -> Answer.signed(recharge.put("recharge_amount", "1000.00").put("available_recharge_channels", "ONLINE_BANK")
                    .put("online_bank_recharge_info", new JsonArray().add("ICBC")).put("accept_time", 1722344841).encode(), Signing.PUBLIC_KEY);
            case DUPSTATE -> Answer.signed(recharge.encode().replaceFirst("\\{", "{\"recharge_state\":\"RECHARGING\","), Signing.PUBLIC_KEY);
            case HUGE -> Answer.signed(recharge.put("padding", "x".repeat(70_000)).encode(), Signing.PUBLIC_KEY);
            case QR -> Answer.signed(qrRecharge(recharge).encode(), Signing.PUBLIC_KEY);
            case PAID -> Answer.signed(inState(recharge, "SUCCESS", "充值成功").encode(), Signing.PUBLIC_KEY);
            case RECHARGING -> Answer.signed(inState(recharge, "RECHARGING", "充值中").encode(), Signing.PUBLIC_KEY);
            case CERT -> Answer.signed(recharge.encode(), Signing.CERTIFICATE);
            case BADSIG -> Answer.signed(recharge.encode(), Signing.WRONG_KEY);
            case PROBE, PROBECLOSED -> Answer.signed(recharge.encode(), Signing.PROBE);
            case NOSIG -> Answer.signed(recharge.encode(), Signing.NO_SIGNATURE);
            case STALE -> Answer.signed(recharge.encode(), Signing.STALE);
            case FUTURE -> Answer.signed(recharge.encode(), Signing.FUTURE);
            case UNKNOWNSERIAL -> Answer.signed(recharge.encode(), Signing.UNKNOWN_SERIAL);
            case TAMPERED -> Answer.signed(recharge.encode(), Signing.TAMPERED);
        };
    }

    /** Today's schema, closed, fresh: what a successful close answers. */
    private JsonObject recharge(String outRechargeNo, String subMchid) {
        return new JsonObject()
                .put("sp_mchid", settings.mchid())
                .put("sub_mchid", subMchid)
                .put("recharge_id", "1722344841623950000" + Math.abs(outRechargeNo.hashCode() % 1000))
                .put("out_recharge_no", outRechargeNo)
                .put("recharge_channel", "ONLINE_BANK")
                .put("account_type", "OPERATION")
                .put("recharge_state", "CLOSED")
                .put("recharge_scene", "ECOMMERCE_PAYMENT")
                .put("recharge_state_desc", "已关闭")
                .put("recharge_amount", new JsonObject().put("amount", 100000).put("currency", "CNY"))
                .put("online_bank_recharge_info", new JsonObject().put("bill_no", "10000000001").put("bank_name", "招商银行")
                        .put("online_bank_type", "PERSONAL").put("bank_card_tail", "6789").put("bank_account_name", "深圳某某科技有限公司"))
                .put("available_recharge_channels", new JsonArray().add("BANK_TRANSFER").add("QR_RECHARGE").add("ONLINE_BANK"))
                .put("accept_time", "2025-08-20T13:29:35+08:00")
                .put("close_time", "2025-08-20T14:29:35+08:00");
    }

    private static JsonObject inState(JsonObject recharge, String state, String description) {
        recharge.remove("close_time");
        return recharge.put("recharge_state", state).put("recharge_state_desc", description);
    }

    private static JsonObject seedEra(JsonObject recharge) {
        recharge.remove("online_bank_recharge_info");
        recharge.remove("available_recharge_channels");
        return recharge.put("recharge_channel", "BANK_TRANSFER").put("account_type", "BASIC").put("recharge_scene", "NORMAL_BANK_TRANSFER")
                .put("bank_transfer_info", new JsonObject().put("bill_no", "20150806125346").put("memo", "充值").put("bank_name", "招商银行")
                        .put("bank_card_tail", "1234"));
    }

    private static JsonObject withUnknownValues(JsonObject recharge) {
        return recharge.put("recharge_channel", "DIGITAL_WALLET").put("account_type", "MARKETING").put("recharge_scene", "ECOMMERCE_REFUND")
                .put("recharge_state", "CLOSED")
                .put("available_recharge_channels", new JsonArray().add("BANK_TRANSFER").add("DIGITAL_WALLET"))
                .put("promotion_info", new JsonObject().put("promotion_id", "P2026").put("amount", 88).put("rate", new java.math.BigDecimal("1.10")))
                .put("recharge_amount", new JsonObject().put("amount", 100000).put("currency", "CNY").put("payer_currency", "HKD"));
    }

    private static JsonObject qrRecharge(JsonObject recharge) {
        recharge.remove("online_bank_recharge_info");
        return recharge.put("recharge_channel", "QR_RECHARGE")
                .put("qr_recharge_info", new JsonObject().put("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o").put("employee_type", "ADMIN"));
    }

    private void send(HttpServerRequest request, Answer answer) {
        inFlight.decrementAndGet();
        var response = request.response();
        if (answer == Answer.HANG) {
            return; // the close took effect, the answer never comes: the connection stays open until the caller gives up
        }
        if (answer == Answer.RESET) {
            request.connection().close();
            return;
        }
        if (answer == Answer.TRUNCATED) {
            String body = recharge("TRUNCATED", "1").encode();
            response.setStatusCode(200).putHeader("Request-ID", requestId()).putHeader("Content-Length", Integer.toString(body.length()));
            sign(response, body, Signing.PUBLIC_KEY, request);
            response.write(body.substring(0, body.length() / 2));
            request.connection().close();
            return;
        }
        response.setStatusCode(answer.status()).putHeader("Request-ID", requestId());
        response.putHeader("Content-Type", answer.contentType());
        if (answer.signing() != null) {
            sign(response, answer.body(), answer.signing(), request);
        }
        response.end(Buffer.buffer(answer.body(), "UTF-8"));
    }

    /** A request that names no public key ({@code Wechatpay-Serial}) is a certificates-only merchant's: its answer is signed by the certificate. */
    private void sign(io.vertx.core.http.HttpServerResponse response, String body, Signing signing, HttpServerRequest request) {
        Keys inForce = keys;
        long now = Instant.now().getEpochSecond();
        long timestamp = signing == Signing.STALE ? now - 360 : signing == Signing.FUTURE ? now + 360 : now;
        String nonce = HexFormat.of().formatHex(randomBytes(16));
        String message = timestamp + "\n" + nonce + "\n" + body + "\n";
        boolean byCertificate = (signing == Signing.CERTIFICATE || request.getHeader("Wechatpay-Serial") == null) && settings.certificateKey() != null;
        PrivateKey key = byCertificate ? settings.certificateKey() : inForce.platformKey();
        String signature = switch (signing) {
            case WRONG_KEY -> rsaSign(freshKey(), message);
            case PROBE -> "WECHATPAY/SIGNTEST/" + rsaSign(key, message);
            case TAMPERED -> rsaSign(key, timestamp + "\n" + nonce + "\n" + body.replace("CLOSED", "SUCCESS") + "\n");
            default -> rsaSign(key, message);
        };
        response.putHeader("Wechatpay-Timestamp", Long.toString(timestamp));
        response.putHeader("Wechatpay-Nonce", nonce);
        response.putHeader("Wechatpay-Serial", signing == Signing.UNKNOWN_SERIAL ? "PUB_KEY_ID_0000000000000000000000000000000000"
                : byCertificate ? settings.certificateSerial() : inForce.publicKeyId());
        response.putHeader("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        if (signing != Signing.NO_SIGNATURE) {
            response.putHeader("Wechatpay-Signature", signature);
        }
    }

    /** Our own check of the merchant's Authorization header, as WeChat Pay documents it. */
    private boolean signatureValid(String method, String uri, String authorization, String body) {
        if (authorization == null || !authorization.startsWith("WECHATPAY2-SHA256-RSA2048 ")) {
            return false;
        }
        Map<String, String> params = new java.util.HashMap<>();
        Matcher matcher = AUTH_PARAM.matcher(authorization.substring("WECHATPAY2-SHA256-RSA2048 ".length()));
        while (matcher.find()) {
            params.put(matcher.group(1), matcher.group(2));
        }
        String timestamp = params.getOrDefault("timestamp", "");
        Keys now = keys;
        if (!settings.mchid().equals(params.get("mchid")) || !now.merchantSerialNo().equals(params.get("serial_no"))
                || !timestamp.matches("\\d{1,12}") || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300
                || !params.getOrDefault("nonce_str", "").matches("[0-9A-Za-z]{32}")) {
            return false;
        }
        String message = method + "\n" + uri + "\n" + timestamp + "\n" + params.get("nonce_str") + "\n" + body + "\n";
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(now.merchantPublicKey());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(params.getOrDefault("signature", "")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String rsaSign(PrivateKey key, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey freshKey() {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String requestId() {
        return HexFormat.of().withUpperCase().formatHex(randomBytes(22)) + "-0";
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Reads a PKCS#8 private key from PEM text. */
    public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem)));
    }

    /** Reads an X.509 SubjectPublicKeyInfo public key from PEM text. */
    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(pem)));
    }

    private static byte[] pemBody(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** How an answer is signed: as WeChat Pay does, or in one of the ways verification must refuse. */
    public enum Signing { PUBLIC_KEY, CERTIFICATE, WRONG_KEY, PROBE, NO_SIGNATURE, STALE, FUTURE, UNKNOWN_SERIAL, TAMPERED }

    /** What the simulator sends: a signed body, an error, a page, or a connection reset, cut or left hanging. */
    public record Answer(int status, String body, String contentType, Signing signing, Duration delay) {
        private static final String JSON = "application/json; charset=utf-8";
        public static final Answer RESET = new Answer(0, "", JSON, null, Duration.ZERO);
        static final Answer TRUNCATED = new Answer(0, "", JSON, null, Duration.ZERO);
        static final Answer HANG = new Answer(0, "", JSON, null, Duration.ZERO);

        public static Answer signed(String body, Signing signing) {
            return new Answer(200, body, JSON, signing, Duration.ZERO);
        }

        public static Answer error(int status, String code, String message) {
            return new Answer(status, new JsonObject().put("code", code).put("message", message).encode(), JSON, null, Duration.ZERO);
        }

        static Answer html(int status, String page) {
            return new Answer(status, page, "text/html", null, Duration.ZERO);
        }

        public Answer after(Duration extra) {
            return new Answer(status, body, contentType, signing, extra);
        }
    }
}
