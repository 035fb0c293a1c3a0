package app.rechargeclose.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.CloseResult;
import app.rechargeclose.recharge.InvalidCommandException;
import app.rechargeclose.recharge.RechargeCloser;

/**
 * API Gateway HTTP API (payload 2.0): {@code POST /recharges/{out_recharge_no}/close}, with
 * {@code sub_mchid} in the query string or a JSON body. Translates the event into a
 * {@link CloseCommand}, and what came of the close ({@link Outcome}) into a response;
 * {@link HttpResponses} holds the contract. Every close is one telemetry line.
 */
@Named("http")
public class HttpCloseHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String ROUTE_KEY = "POST /recharges/{out_recharge_no}/close";
    private static final Pattern CLOSE_PATH = Pattern.compile("/recharges/([^/]+)/close");

    private final RechargeCloser closer;
    private final HttpResponses responses;
    private final Telemetry telemetry;
    private final ObjectMapper json;

    public HttpCloseHandler(RechargeCloser closer, HttpResponses responses, Telemetry telemetry, ObjectMapper json) {
        this.closer = closer;
        this.responses = responses;
        this.telemetry = telemetry;
        this.json = json;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LogContext.put(LogContext.LAMBDA_REQUEST_ID, context == null ? null : context.getAwsRequestId());
        try {
            return close(event, context);
        } finally {
            LogContext.clear();
        }
    }

    private APIGatewayV2HTTPResponse close(APIGatewayV2HTTPEvent event, Context context) {
        Instant start = Instant.now();
        Invocation invocation = Invocation.of("http", context, start);
        Optional<String> outRechargeNo = outRechargeNo(event);
        if (outRechargeNo.isEmpty()) {
            return responses.of(Outcome.notFound());
        }
        if (!"POST".equals(method(event))) {
            return responses.of(Outcome.methodNotAllowed());
        }
        CloseCommand command = null;
        Outcome outcome;
        try {
            command = new CloseCommand(outRechargeNo.get(), subMchid(event));
            LogContext.put(LogContext.OUT_RECHARGE_NO, command.outRechargeNo());
            CloseResult result = closer.close(command, invocation.deadline(), telemetry.attempts(invocation)).await().indefinitely();
            outcome = Outcome.of(result);
        } catch (RuntimeException failure) {
            outcome = Outcome.of(failure);
        }
        LogContext.put(LogContext.WECHATPAY_REQUEST_ID, outcome.requestId().orElse(null));
        telemetry.close(invocation, command, null, outcome, Duration.between(start, Instant.now()));
        return responses.of(outcome);
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event == null ? null : event.getRequestContext();
        return context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
    }

    /** From API Gateway's decoded path parameter on our route; else from the raw path (a $default route). */
    private static Optional<String> outRechargeNo(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        Map<String, String> pathParameters = event.getPathParameters();
        if (ROUTE_KEY.equals(event.getRouteKey()) && pathParameters != null && pathParameters.get("out_recharge_no") != null) {
            return Optional.of(pathParameters.get("out_recharge_no"));
        }
        Matcher matcher = CLOSE_PATH.matcher(event.getRawPath() == null ? "" : event.getRawPath());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String subMchid(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        Optional<String> fromQuery = Optional.ofNullable(query == null ? null : query.get("sub_mchid"));
        Optional<String> fromBody = bodyText(event)
                .flatMap(body -> CloseRequestJson.field(CloseRequestJson.readObject(json, body, "the request body"), "sub_mchid"));
        // An empty value is reported as empty, wherever it came from, before the two are compared.
        if (fromQuery.filter(String::isEmpty).or(() -> fromBody.filter(String::isEmpty)).isPresent()) {
            return "";
        }
        if (fromQuery.isPresent() && fromBody.isPresent() && !fromQuery.get().equals(fromBody.get())) {
            throw new InvalidCommandException("sub_mchid differs between the query string and the body");
        }
        return fromQuery.or(() -> fromBody).orElse(null);
    }

    private static Optional<String> bodyText(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        if (!event.getIsBase64Encoded()) {
            return Optional.of(body);
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(body.trim()), StandardCharsets.UTF_8))
                    .filter(text -> !text.isBlank());
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("the request body is marked Base64 but is not");
        }
    }
}
