package app.rechargeclose.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform learns of one close, the {@code detail} of one EventBridge event
 * (api/close-outcome-event.schema.json): the recharge, the outcome's code and status, what WeChat
 * Pay holds when a verified answer said, the ids to trace it by, and who asked.
 *
 * @param eventId the id to drop duplicates by: the SQS message id (a redelivery carries the same),
 *                or the Lambda request id of an HTTP call
 * @param actor   who asked: the API caller (IAM ARN or JWT subject), or for a scheduled close the
 *                caller who scheduled it
 * @param sender  for a queued close, the SQS sender (SenderId)
 */
public record CloseEvent(String eventId, String outcome, int status, String outRechargeNo, String subMchid, Optional<String> rechargeState,
        Optional<String> wechatpayRequestId, String handler, Optional<String> sqsMessageId, Optional<String> lambdaRequestId,
        Optional<String> actor, Optional<String> sender, Optional<Instant> closeAt, Instant time) {

    /** The detail's fields, in a fixed order, absent ones left out. */
    Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("event_id", eventId);
        detail.put("outcome", outcome);
        detail.put("status", status);
        detail.put("out_recharge_no", outRechargeNo);
        detail.put("sub_mchid", subMchid);
        rechargeState.ifPresent(state -> detail.put("recharge_state", state));
        wechatpayRequestId.ifPresent(id -> detail.put("wechatpay_request_id", id));
        detail.put("handler", handler);
        sqsMessageId.ifPresent(id -> detail.put("sqs_message_id", id));
        lambdaRequestId.ifPresent(id -> detail.put("lambda_request_id", id));
        actor.ifPresent(who -> detail.put("actor", who));
        sender.ifPresent(who -> detail.put("sender", who));
        closeAt.ifPresent(at -> detail.put("close_at", at.toString()));
        detail.put("time", time.toString());
        return detail;
    }
}
