package app.rechargeclose.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.InvalidCommandException;

/**
 * Reads what an API Gateway HTTP API event (payload 2.0) asks of a recharge: {@code POST
 * /recharges/{out_recharge_no}/close} closes it now, or at {@code close_at} when one is given;
 * {@code DELETE} on the same path cancels a scheduled close. {@code sub_mchid} and {@code close_at}
 * come in the query string or a JSON body (read by {@link CloseRequestJson}). What it cannot read is
 * an {@link InvalidCommandException} naming what is wrong.
 */
final class HttpCloseRequest {

    static final String CLOSE_AT = "close_at";
    private static final Set<String> ROUTE_KEYS = Set.of("POST /recharges/{out_recharge_no}/close", "DELETE /recharges/{out_recharge_no}/close");
    private static final Pattern CLOSE_PATH = Pattern.compile("/recharges/([^/]+)/close");

    /** What the event asks. */
    sealed interface Request {
        CloseCommand command();
    }

    record CloseNow(CloseCommand command) implements Request {
    }

    /** @param closeAt the deadline, as an instant (its offset said where it was written, nothing more) */
    record CloseAt(CloseCommand command, Instant closeAt) implements Request {
    }

    record CancelScheduledClose(CloseCommand command) implements Request {
    }

    private HttpCloseRequest() {
    }

    /** Empty for a POST or DELETE on the close route; otherwise the answer, given without reading further. */
    static Optional<Outcome> refusal(APIGatewayV2HTTPEvent event) {
        if (outRechargeNo(event).isEmpty()) {
            return Optional.of(Outcome.notFound());
        }
        String method = method(event);
        return "POST".equals(method) || "DELETE".equals(method) ? Optional.empty() : Optional.of(Outcome.methodNotAllowed());
    }

    /** What an event {@link #refusal} let through asks, validated. */
    static Request read(APIGatewayV2HTTPEvent event, ObjectMapper json) {
        Optional<JsonNode> body = bodyText(event).map(text -> CloseRequestJson.readObject(json, text, "the request body"));
        CloseCommand command = new CloseCommand(outRechargeNo(event).orElseThrow(), subMchid(event, body));
        if ("DELETE".equals(method(event))) {
            return new CancelScheduledClose(command);
        }
        return fromQueryOrBody(event, body, CLOSE_AT).<Request>map(closeAt -> new CloseAt(command, instant(closeAt)))
                .orElseGet(() -> new CloseNow(command));
    }

    /** RFC 3339 with an offset ({@code 2026-12-06T18:30:00+08:00}, or {@code Z}): a time without one would be a guess. */
    private static Instant instant(String closeAt) {
        try {
            return OffsetDateTime.parse(closeAt, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCommandException("close_at must be an RFC 3339 date-time with an offset, such as 2026-12-06T18:30:00+08:00");
        }
    }

    /** Who called, as API Gateway's authorizer says: the IAM caller's ARN, or the JWT's subject; empty when neither. */
    static Optional<String> actor(APIGatewayV2HTTPEvent event) {
        var authorizer = event == null || event.getRequestContext() == null ? null : event.getRequestContext().getAuthorizer();
        if (authorizer == null) {
            return Optional.empty();
        }
        if (authorizer.getIam() != null && authorizer.getIam().getUserArn() != null) {
            return Optional.of(authorizer.getIam().getUserArn());
        }
        return Optional.ofNullable(authorizer.getJwt() == null || authorizer.getJwt().getClaims() == null ? null
                : authorizer.getJwt().getClaims().get("sub")).filter(subject -> !subject.isBlank());
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
        String fromRoute = event.getRouteKey() != null && ROUTE_KEYS.contains(event.getRouteKey()) && pathParameters != null
                ? pathParameters.get(CloseRequestJson.OUT_RECHARGE_NO) : null;
        if (fromRoute != null) {
            return Optional.of(fromRoute);
        }
        Matcher matcher = CLOSE_PATH.matcher(event.getRawPath() == null ? "" : event.getRawPath());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** An empty {@code sub_mchid} is reported as empty (not as missing), wherever it came from. */
    private static String subMchid(APIGatewayV2HTTPEvent event, Optional<JsonNode> body) {
        Map<String, String> query = event.getQueryStringParameters();
        boolean empty = "".equals(query == null ? null : query.get(CloseRequestJson.SUB_MCHID))
                || body.flatMap(object -> CloseRequestJson.field(object, CloseRequestJson.SUB_MCHID)).filter(String::isEmpty).isPresent();
        return empty ? "" : fromQueryOrBody(event, body, CloseRequestJson.SUB_MCHID).orElse(null);
    }

    /** A field given in the query string or the body; in both, the same value or a 400. */
    private static Optional<String> fromQueryOrBody(APIGatewayV2HTTPEvent event, Optional<JsonNode> body, String name) {
        Map<String, String> query = event.getQueryStringParameters();
        Optional<String> fromQuery = Optional.ofNullable(query == null ? null : query.get(name));
        Optional<String> fromBody = body.flatMap(object -> CloseRequestJson.field(object, name));
        if (fromQuery.isPresent() && fromBody.isPresent() && !fromQuery.get().equals(fromBody.get())) {
            throw new InvalidCommandException(name + " differs between the query string and the body");
        }
        return fromQuery.or(() -> fromBody);
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
            return Optional.of(new String(Base64.getDecoder().decode(body.trim()), StandardCharsets.UTF_8)).filter(text -> !text.isBlank());
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("the request body is marked Base64 but is not");
        }
    }
}
