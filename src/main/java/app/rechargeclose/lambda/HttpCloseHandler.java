package app.rechargeclose.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.rechargeclose.lambda.HttpCloseRequest.CancelScheduledClose;
import app.rechargeclose.lambda.HttpCloseRequest.CloseAt;
import app.rechargeclose.lambda.HttpCloseRequest.CloseNow;
import app.rechargeclose.lambda.HttpCloseRequest.Request;
import app.rechargeclose.recharge.CloseCommand;
import app.rechargeclose.recharge.RechargeCloser;
import app.rechargeclose.scheduler.CloseSchedules;
import app.rechargeclose.telemetry.LogContext;
import app.rechargeclose.telemetry.Telemetry;

/**
 * API Gateway HTTP API: the event read into a request ({@link HttpCloseRequest}), the recharge
 * closed now, or its close scheduled or cancelled ({@link CloseSchedules}), and what came of it
 * ({@link Outcome}) answered as the contract says ({@link HttpResponses}). Every request is one
 * telemetry line.
 */
@Named("http")
public class HttpCloseHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Inject
    RechargeCloser closer;
    @Inject
    CloseSchedules schedules;
    @Inject
    HttpResponses responses;
    @Inject
    Telemetry telemetry;
    @Inject
    OutcomePublisher publisher;
    @Inject
    ObjectMapper json;

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Instant start = Instant.now();
        Optional<Outcome> refusal = HttpCloseRequest.refusal(event);
        if (refusal.isPresent()) {
            return responses.of(refusal.get());
        }
        Invocation invocation = Invocation.of("http", context, start);
        LogContext.put(LogContext.LAMBDA_REQUEST_ID, invocation.lambdaRequestId());
        try {
            return responses.of(close(event, invocation, start));
        } finally {
            LogContext.clear();
        }
    }

    /** The use case bounds every attempt by the deadline; the wait is bounded too, so a bug of ours cannot hang the invocation. */
    private Outcome close(APIGatewayV2HTTPEvent event, Invocation invocation, Instant start) {
        CloseCommand command = null;
        Optional<String> actor = HttpCloseRequest.actor(event);
        Outcome outcome;
        try {
            Request request = HttpCloseRequest.read(event, json);
            command = request.command();
            LogContext.put(LogContext.OUT_RECHARGE_NO, command.outRechargeNo());
            outcome = switch (request) {
                case CloseNow now -> Outcome.of(closer.close(now.command(), invocation.deadline(), telemetry.attempts(invocation.ids()))
                        .await().atMost(invocation.timeLeft()));
                case CloseAt at -> schedules.isEnabled() ? Outcome.of(schedules.schedule(at.command(), at.closeAt(), actor))
                        : Outcome.schedulingDisabled();
                case CancelScheduledClose cancel -> !schedules.isEnabled() ? Outcome.schedulingDisabled()
                        : schedules.cancel(cancel.command()) ? Outcome.cancelled() : Outcome.noSchedule();
            };
        } catch (RuntimeException failure) {
            outcome = Outcome.of(failure);
        }
        LogContext.put(LogContext.WECHATPAY_REQUEST_ID, outcome.requestId().orElse(null));
        telemetry.close(invocation.ids(), command, null, actor, outcome, Duration.between(start, Instant.now()));
        if (command != null) {
            // The caller's answer stands whatever the bus does: a failed put is an ERROR line and a metric.
            Optional<String> lambdaRequestId = Optional.ofNullable(invocation.lambdaRequestId());
            publisher.publish(outcome.event(lambdaRequestId.orElseGet(() -> UUID.randomUUID().toString()), command, "http", Optional.empty(),
                    lambdaRequestId, actor, Optional.empty()), invocation).await().atMost(invocation.timeLeft());
        }
        return outcome;
    }
}
