################################################################################
# Alarms, each telling on-call what to look at, all to the optional SNS topic:
# the queue (DLQ not empty, oldest message age), the functions (errors, throttles,
# duration near the timeout), the function's own EMF metrics (namespace
# RechargeClose: verification failures, rejected signatures, batch item failures,
# aot cold starts without the AOT cache), the API (5xx, 4xx, 429 rates), and with
# enable_scheduled_close the scheduler's deliveries (target errors, closes lost, its DLQ).
# Every EMF line carries FunctionName (Lambda's AWS_LAMBDA_FUNCTION_NAME; the metrics
# are declared in src/main/resources/emf-metrics.json): each alarm selects its own
# function's, so two deployments in one account never page for each other.
################################################################################

locals {
  # Function key ("http", "sqs") => function name; one Errors and one Throttles alarm each.
  monitored_functions = { for key, fn in aws_lambda_function.this : key => fn.function_name }

  # VerificationFailures has no Handler dimension (FunctionName, Operation): one alarm per
  # function and WeChat Pay operation, "http-close" => { function = "http", operation = "close" }.
  verification_alarms = merge([for key, fn in local.functions : {
    for op in ["close", "query"] : "${key}-${op}" => { function = key, operation = op }
  }]...)
}

resource "aws_sns_topic" "alarms" {
  count = var.create_alarm_sns_topic ? 1 : 0

  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "alarm_email" {
  for_each = var.create_alarm_sns_topic ? toset(var.alarm_email_addresses) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "rejected_not_empty" {
  alarm_name          = "${var.name}-rejected-not-empty"
  alarm_description   = "The sqs function put close commands in ${aws_sqs_queue.rejected.name}: their answer was final (WeChat Pay 403 NO_AUTH or 404 ORDER_NOT_EXIST, 400 PARAM_ERROR, or an invalid command), so retrying cannot change it. Read them (aws sqs receive-message): the error_code and error_message attributes say why. Decide with the producer or WeChat Pay (a permission, a recharge number), then send a corrected command, or delete them; never move them back unchanged."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.rejected.name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  alarm_name          = "${var.name}-dlq-not-empty"
  alarm_description   = "Close commands reached ${aws_sqs_queue.dlq.name}: SQS moved them after ${local.max_receive_count} receives, longer than queue_outage_budget_seconds of trouble (WeChat Pay down, or failing verification). Find their message_id in the sqs function's event=close log lines for the reason; once the cause is over, move them back to ${aws_sqs_queue.commands.name} (aws sqs start-message-move-task --source-arn <this queue's ARN>, infra/README.md On-call): every one can still succeed."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.dlq.name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_errors" {
  for_each = local.monitored_functions

  alarm_name          = "${each.value}-errors"
  alarm_description   = "The ${each.key} function reported errors (unhandled exceptions, timeouts, start-up failures). Look at its log group ${aws_cloudwatch_log_group.function[each.key].name}: a start-up failure names the configuration key at fault; a timeout shows as Task timed out (see the duration alarm)."
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.function_errors_alarm_threshold
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = each.value
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_throttles" {
  for_each = local.monitored_functions

  alarm_name          = "${each.value}-throttles"
  alarm_description   = "The ${each.key} function was throttled: its reserved concurrency or the account's concurrency quota is used up (http callers get 429/5xx, queue messages wait). Raise ${each.key}_function_reserved_concurrency or the account quota, or lower sqs_maximum_concurrency / the API throttling limits."
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = each.value
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "api_5xx_rate" {
  alarm_name          = "${var.name}-api-5xx-rate"
  alarm_description   = "More than ${var.api_5xx_rate_alarm_threshold_percent}% of close requests answered 5xx: 502 UPSTREAM_UNAVAILABLE / 504 UPSTREAM_TIMEOUT (WeChat Pay down or slow: check its status, the UpstreamLatency and Retries metrics), 502 UPSTREAM_REJECTED_SIGNATURE or UPSTREAM_UNVERIFIED (keys: see their own alarms), 500 (a bug: the http log group). The access log's status and integrationError fields tell which."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = var.api_5xx_rate_alarm_threshold_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    label       = "5xx rate (%)"
    expression  = "IF(requests >= ${var.api_rate_alarm_min_requests}, 100 * errors / requests, 0)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "5xx"
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
        Stage = aws_apigatewayv2_stage.default.name
      }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
        Stage = aws_apigatewayv2_stage.default.name
      }
    }
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# The aot function emits AotCacheMisses (EMF, namespace RechargeClose, by FunctionName and Handler)
# once per cold start: 1 when the JVM did not map the package's AOT cache. It then still
# answers, only several times slower to start, so nothing else would show it.
resource "aws_cloudwatch_metric_alarm" "aot_cache_misses" {
  for_each = local.is_aot ? local.functions : {}

  alarm_name          = "${each.value.name}-aot-cache-misses"
  alarm_description   = "A cold start of ${each.value.name} ran without its AOT cache (AotCacheMisses > 0): it answers, but starts several times slower. The cache only maps on the exact JDK build and class path it was trained with: rebuild the package (./mvnw -B package, JAVA_HOME the same JDK 25 build as before, nothing copied into target/ by hand) and redeploy it with terraform apply. The function's log line event=start of that cold start says why the cache was not used."
  namespace           = "RechargeClose"
  metric_name         = "AotCacheMisses"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.key].function_name
    Handler      = each.key
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# Each read of the keys (at start, and again as they age or WeChat Pay asks) that failed: the
# function goes on with the keys it holds, so closes keep working until a key really changes.
resource "aws_cloudwatch_metric_alarm" "key_read_failures" {
  for_each = local.functions

  alarm_name          = "${each.value.name}-key-read-failures"
  alarm_description   = "${each.value.name} could not read its keys again from the secret (KeyReadFailures > 0): Secrets Manager unreachable or refusing, or a value that is no valid key secret. It goes on with the keys it read before, but will not take up a rotation until this is fixed. The ERROR line 'could not read the keys again from wechatpay.secret-id' in ${aws_cloudwatch_log_group.function[each.key].name} says what is wrong (never the value); fix the secret's JSON (infra/README.md, How the function gets its keys) or the role's access to it."
  namespace           = "RechargeClose"
  metric_name         = "KeyReadFailures"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.key].function_name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# Days left of the certificates in the secret, written at every read of the keys: the merchant
# API certificate (when the secret holds merchant_certificate) and the newest platform
# certificate. WeChat Pay reminds 60 days ahead; this pages 30 days ahead, time to renew or
# replace the certificate and put the new one (infra/README.md, Rotating the keys).
resource "aws_cloudwatch_metric_alarm" "certificate_expiry" {
  for_each = merge([for function in keys(local.functions) : {
    for certificate in ["merchant", "platform"] : "${function}-${certificate}" => { function = function, certificate = certificate }
  }]...)

  alarm_name          = "${local.functions[each.value.function].name}-${each.value.certificate}-certificate-expiry"
  alarm_description   = "The ${each.value.certificate} certificate among ${local.functions[each.value.function].name}'s keys runs out in less than ${var.certificate_expiry_alarm_days} days (CertificateDaysLeft). Merchant: renew or replace the merchant API certificate at WeChat Pay, then put the new merchant_serial_no, private_key and merchant_certificate into the secret. Platform: WeChat Pay issues a new platform certificate before the old one ends; add it to platform_certificates (or switch to the public key: infra/README.md). No put-secret-value needs an apply."
  namespace           = "RechargeClose"
  metric_name         = "CertificateDaysLeft"
  statistic           = "Minimum"
  period              = 86400
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.certificate_expiry_alarm_days
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.value.function].function_name
    Certificate  = each.value.certificate
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# An outcome the bus did not take (EMF OutcomeEventFailures): for http the caller's answer stood
# but the platform never heard of it; a queued close comes back and tries again.
resource "aws_cloudwatch_metric_alarm" "outcome_event_failures" {
  for_each = var.enable_outcome_events ? local.functions : {}

  alarm_name          = "${each.value.name}-outcome-event-failures"
  alarm_description   = "${each.value.name} could not put a close's outcome on ${aws_cloudwatch_event_bus.outcomes[0].name} (OutcomeEventFailures > 0). http: the caller got its answer, but the platform did not hear of it: the ERROR lines 'could not be put on the bus' in ${aws_cloudwatch_log_group.function[each.key].name} name the recharge and outcome to replay by hand. sqs: the message comes back and tries again. Check events:PutEvents in the role, the bus, and EventBridge's health."
  namespace           = "RechargeClose"
  metric_name         = "OutcomeEventFailures"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    Handler      = each.key
    FunctionName = aws_lambda_function.this[each.key].function_name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "queue_oldest_message_age" {
  alarm_name          = "${var.name}-commands-oldest-message-age"
  alarm_description   = "The oldest close command in ${aws_sqs_queue.commands.name} has waited more than ${var.queue_oldest_message_age_alarm_seconds} s: the sqs function keeps failing or does not consume (the sqs handler never throws, so its Errors alarm stays quiet). Check the event=close lines of ${aws_cloudwatch_log_group.function["sqs"].name} (outcome, reason), the BatchItemFailures and Throttles alarms, and that the event source mapping is enabled. During a WeChat Pay outage (UPSTREAM_UNAVAILABLE / UPSTREAM_TIMEOUT, 'handed back' lines) the backlog waits with growing waits for up to ${var.queue_outage_budget_seconds} s and closes by itself once WeChat Pay is back; failing messages reach ${aws_sqs_queue.dlq.name} after ${local.max_receive_count} receives."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateAgeOfOldestMessage"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.queue_oldest_message_age_alarm_seconds
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.commands.name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "function_duration" {
  for_each = local.functions

  alarm_name          = "${each.value.name}-duration-near-timeout"
  alarm_description   = "An invocation of ${each.value.name} took more than ${var.function_duration_alarm_percent_of_timeout}% of its ${each.value.timeout} s timeout; the next may time out (http: 504 to the caller; sqs: the batch's tail is reported failed untried). Look at the UpstreamLatency and Retries metrics (WeChat Pay slow or failing over to the backup host?), then raise ${each.key}_function_timeout_seconds${each.key == "sqs" ? " or lower sqs_batch_size" : ""}."
  namespace           = "AWS/Lambda"
  metric_name         = "Duration"
  statistic           = "Maximum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.timeout * 1000 * var.function_duration_alarm_percent_of_timeout / 100
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.key].function_name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# EMF, by FunctionName and Operation (close / query): a WeChat Pay answer whose signature did not verify.
resource "aws_cloudwatch_metric_alarm" "verification_failures" {
  for_each = local.verification_alarms

  alarm_name          = "${local.functions[each.value.function].name}-${each.value.operation}-verification-failures"
  alarm_description   = "WeChat Pay answers to ${each.value.operation} calls of the ${each.value.function} function failed signature verification (UPSTREAM_UNVERIFIED): nothing of them was used. Most likely WeChat Pay's public key changed: compare wechatpay_public_key_id and the secret's public_key with the merchant platform (API security), put the new key in the secret and rotate as infra/README.md says. Otherwise the function's clock is off (timestamps more than 5 minutes away) or something on the path alters answers; the event=upstream_attempt lines of ${aws_cloudwatch_log_group.function[each.value.function].name} show which."
  namespace           = "RechargeClose"
  metric_name         = "VerificationFailures"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.value.function].function_name
    Operation    = each.value.operation
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# EMF Closes by FunctionName, Handler and Outcome: WeChat Pay answered 401 SIGN_ERROR to our signature.
resource "aws_cloudwatch_metric_alarm" "rejected_signature" {
  for_each = local.functions

  alarm_name          = "${each.value.name}-rejected-signature"
  alarm_description   = "WeChat Pay rejects the ${each.key} function's signatures (401 SIGN_ERROR, outcome UPSTREAM_REJECTED_SIGNATURE): every close fails until fixed. The merchant private key in the secret does not match wechatpay_merchant_serial_no (WECHATPAY_MERCHANT_SERIAL_NO), or the merchant API certificate was renewed or revoked: compare the serial with the merchant platform, put the matching private key in the secret or fix the serial, and rotate as infra/README.md says."
  namespace           = "RechargeClose"
  metric_name         = "Closes"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this[each.key].function_name
    Handler      = each.key
    Outcome      = "UPSTREAM_REJECTED_SIGNATURE"
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# EMF BatchItemFailures by FunctionName and Handler: messages the sqs handler reported failed.
resource "aws_cloudwatch_metric_alarm" "batch_item_failures" {
  alarm_name          = "${local.functions["sqs"].name}-batch-item-failures"
  alarm_description   = "The sqs function reported more than ${var.sqs_batch_item_failures_alarm_threshold} messages failed in a period: they come back after the visibility timeout and reach ${aws_sqs_queue.dlq.name} after ${local.max_receive_count} receives. The event=close lines of ${aws_cloudwatch_log_group.function["sqs"].name} give each message_id's outcome and reason: UPSTREAM_UNAVAILABLE / UPSTREAM_TIMEOUT (WeChat Pay trouble, retried), INVALID_ARGUMENT (fix the producer), FIFO_PREDECESSOR_FAILED (an earlier message of the group failed)."
  namespace           = "RechargeClose"
  metric_name         = "BatchItemFailures"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.sqs_batch_item_failures_alarm_threshold
  treat_missing_data  = "notBreaching"

  dimensions = {
    FunctionName = aws_lambda_function.this["sqs"].function_name
    Handler      = "sqs"
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "api_4xx_rate" {
  alarm_name          = "${var.name}-api-4xx-rate"
  alarm_description   = "More than ${var.api_4xx_rate_alarm_threshold_percent}% of close requests answered 4xx: callers send invalid requests (400 INVALID_ARGUMENT), are not allowed (401/403 from API Gateway: IAM policy or JWT scopes), or WeChat Pay refuses the close (its 4xx codes, e.g. 404 ORDER_NOT_EXIST); a cancel (DELETE) of a recharge without a schedule answers 404 SCHEDULE_NOT_FOUND. The access log (${aws_cloudwatch_log_group.api_access.name}) has status, errorMessage and callerArn / jwtSubject: tell the caller, or fix the permission."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = var.api_4xx_rate_alarm_threshold_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    label       = "4xx rate (%)"
    expression  = "IF(requests >= ${var.api_rate_alarm_min_requests}, 100 * errors / requests, 0)"
    return_data = true
  }

  metric_query {
    id = "errors"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "4xx"
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
        Stage = aws_apigatewayv2_stage.default.name
      }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
        Stage = aws_apigatewayv2_stage.default.name
      }
    }
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

# HTTP APIs publish no 429 metric: count them from the access log.
resource "aws_cloudwatch_log_metric_filter" "api_429" {
  name           = "${var.name}-api-429"
  log_group_name = aws_cloudwatch_log_group.api_access.name
  pattern        = "{ $.status = \"429\" }"

  metric_transformation {
    namespace = "RechargeClose"
    name      = "ApiTooManyRequests"
    value     = "1"
    dimensions = {
      ApiId = "$.apiId"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "api_429_rate" {
  alarm_name          = "${var.name}-api-429-rate"
  alarm_description   = "More than ${var.api_429_rate_alarm_threshold_percent}% of close requests answered 429. With integrationStatus empty in the access log (${aws_cloudwatch_log_group.api_access.name}) the stage throttled them: raise api_throttling_rate_limit / api_throttling_burst_limit or ask the caller to slow down. With integrationStatus 200 it is WeChat Pay's frequency limit passed on: spread the closes (callers retry with backoff)."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = var.api_429_rate_alarm_threshold_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    label       = "429 rate (%)"
    expression  = "IF(requests >= ${var.api_rate_alarm_min_requests}, 100 * FILL(throttled, 0) / requests, 0)"
    return_data = true
  }

  metric_query {
    id = "throttled"
    metric {
      namespace   = aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].namespace
      metric_name = aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].name
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
      }
    }
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApiGateway"
      metric_name = "Count"
      period      = var.alarm_period_seconds
      stat        = "Sum"
      dimensions = {
        ApiId = aws_apigatewayv2_api.this.id
        Stage = aws_apigatewayv2_stage.default.name
      }
    }
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

################################################################################
# Closes scheduled at a deadline (scheduler.tf, enable_scheduled_close).
# EventBridge Scheduler publishes its metrics in the namespace AWS/Scheduler with one
# dimension, the schedule group (https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html,
# which also says the dead-letter metrics come only from schedules with a dead-letter queue,
# as every schedule of the function has); metric names and the dimension ScheduleGroup as
# aws-cdk-lib's ScheduleGroup.metric*() select them
# (https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-scheduler/lib/schedule-group.ts).
# Alarmed: TargetErrorCount (SQS refused a delivery; retried for up to a day, so this is the
# early warning) and InvocationsFailedToBeSentToDeadLetterCount (given up and not
# dead-lettered: the close is lost). Given up and dead-lettered shows as the depth of the
# scheduler's dead-letter queue.
################################################################################

resource "aws_cloudwatch_metric_alarm" "scheduler_dlq_not_empty" {
  count = local.scheduled_close ? 1 : 0

  alarm_name          = "${var.name}-scheduler-dlq-not-empty"
  alarm_description   = "Scheduled closes reached ${aws_sqs_queue.scheduler_dlq[0].name}: EventBridge Scheduler could not send them to ${aws_sqs_queue.commands.name} for a day (185 attempts), so those recharges were NOT closed at their deadline. Read them (aws sqs receive-message --message-attribute-names All): the body is the close command, the attributes the scheduler's last error. Fix the cause (the role ${aws_iam_role.scheduler[0].name}: sqs:SendMessage, KMS; the command queue's policy; the key policy), then send each command to the command queue as a named producer (aws sqs send-message) or close the recharge through the API, and delete the message."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    QueueName = aws_sqs_queue.scheduler_dlq[0].name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "scheduler_target_errors" {
  count = local.scheduled_close ? 1 : 0

  alarm_name          = "${var.name}-scheduler-target-errors"
  alarm_description   = "EventBridge Scheduler's sends of scheduled closes to ${aws_sqs_queue.commands.name} fail (TargetErrorCount of schedule group ${aws_scheduler_schedule_group.close[0].name}). It retries each for up to a day, then puts it in ${aws_sqs_queue.scheduler_dlq[0].name} unclosed. Check what SQS refuses: the role ${aws_iam_role.scheduler[0].name} (sqs:SendMessage on the queue; kms:GenerateDataKey with a customer key), the command queue's policy (the role must be among its senders), the key policy, the queue itself. Fixed within the day, the retries still deliver the closes, late."
  namespace           = "AWS/Scheduler"
  metric_name         = "TargetErrorCount"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    ScheduleGroup = aws_scheduler_schedule_group.close[0].name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}

resource "aws_cloudwatch_metric_alarm" "scheduler_closes_lost" {
  count = local.scheduled_close ? 1 : 0

  alarm_name          = "${var.name}-scheduler-closes-lost"
  alarm_description   = "EventBridge Scheduler gave up on scheduled closes and could not put them in ${aws_sqs_queue.scheduler_dlq[0].name} either (InvocationsFailedToBeSentToDeadLetterCount of schedule group ${aws_scheduler_schedule_group.close[0].name}): those recharges were NOT closed at their deadline and no message is left of them. Fix the role ${aws_iam_role.scheduler[0].name} (sqs:SendMessage on both queues, KMS) and the queue policies, then find the recharges scheduled for that time (the http function's log group ${aws_cloudwatch_log_group.function["http"].name}) that are still open and close them through the API."
  namespace           = "AWS/Scheduler"
  metric_name         = "InvocationsFailedToBeSentToDeadLetterCount"
  statistic           = "Sum"
  period              = var.alarm_period_seconds
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  dimensions = {
    ScheduleGroup = aws_scheduler_schedule_group.close[0].name
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}
