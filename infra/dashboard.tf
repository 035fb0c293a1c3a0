################################################################################
# One CloudWatch dashboard, "<name>", of what the alarms watch (alarms.tf): the
# closes by outcome, the keys (verification failures, rejected signatures), the
# queue, the functions' duration against their timeout, errors and throttles, the
# API's 4xx / 429 / 5xx, WeChat Pay's latency and retries, and the scheduled closes'
# deliveries (enable_scheduled_close).
################################################################################

locals {
  dashboard_period = var.alarm_period_seconds
  function_names   = { for key, fn in aws_lambda_function.this : key => fn.function_name }

  # [namespace, metric, dimension, value...] rows of a metric widget. The function's own
  # metrics (RechargeClose) always select its FunctionName, as the alarms do: another
  # deployment in the account writes the same metrics under its own function names.
  dashboard_widgets = concat([for key, name in local.function_names : {
    title = "Closes by outcome (${key})"
    metrics = [[{
      expression = "SEARCH('{RechargeClose,FunctionName,Handler,Outcome} MetricName=\"Closes\" FunctionName=\"${name}\" Handler=\"${key}\"', 'Sum', ${local.dashboard_period})"
      id         = key
    }]]
    }], [
    {
      title = "Keys: verification failures, rejected signatures"
      metrics = concat(
        [for key, a in local.verification_alarms : ["RechargeClose", "VerificationFailures", "FunctionName", local.function_names[a.function], "Operation", a.operation, { label = "${key} verification failures" }]],
        [for key, name in local.function_names : ["RechargeClose", "Closes", "FunctionName", name, "Handler", key, "Outcome", "UPSTREAM_REJECTED_SIGNATURE", { label = "${key} rejected signatures" }]],
      )
    },
    {
      title = "Keys: failed reads of the secret"
      metrics = [for key, name in local.function_names : ["RechargeClose", "KeyReadFailures", "FunctionName", name, { label = "${key} failed reads" }]]
    },
    {
      title   = "Outcome events the bus did not take"
      metrics = [for key, name in local.function_names : ["RechargeClose", "OutcomeEventFailures", "FunctionName", name, "Handler", key, { label = key }]]
    },
    {
      title = "Certificates: days left (minimum)"
      stat  = "Minimum"
      metrics = concat([for key, name in local.function_names : [
        for certificate in ["merchant", "platform"] : ["RechargeClose", "CertificateDaysLeft", "FunctionName", name, "Certificate", certificate, { label = "${key} ${certificate}" }]
      ]]...)
      annotations = { horizontal = [{ label = "expiry alarm", value = var.certificate_expiry_alarm_days }] }
    },
    {
      title = "SQS batches: size and item failures"
      metrics = [
        ["RechargeClose", "BatchSize", "FunctionName", local.function_names["sqs"], "Handler", "sqs"],
        ["RechargeClose", "BatchItemFailures", "FunctionName", local.function_names["sqs"], "Handler", "sqs"],
      ]
    },
    {
      title = "Queue: oldest message age (s), messages visible"
      stat  = "Maximum"
      metrics = [
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.commands.name],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.commands.name, { yAxis = "right" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dlq.name, { yAxis = "right" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.rejected.name, { yAxis = "right" }],
      ]
      annotations = { horizontal = [{ label = "oldest message alarm", value = var.queue_oldest_message_age_alarm_seconds }] }
    },
    {
      title   = "Duration (ms, maximum) against the timeouts"
      stat    = "Maximum"
      metrics = [for key, name in local.function_names : ["AWS/Lambda", "Duration", "FunctionName", name, { label = key }]]
      annotations = { horizontal = [for key, fn in local.functions : {
        label = "${key} timeout"
        value = fn.timeout * 1000
      }] }
    },
    {
      title = "Errors and throttles"
      metrics = concat(
        [for key, name in local.function_names : ["AWS/Lambda", "Errors", "FunctionName", name, { label = "${key} errors" }]],
        [for key, name in local.function_names : ["AWS/Lambda", "Throttles", "FunctionName", name, { label = "${key} throttles" }]],
      )
    },
    {
      title = "API: requests, 4xx, 429, 5xx"
      metrics = [
        ["AWS/ApiGateway", "Count", "ApiId", aws_apigatewayv2_api.this.id, "Stage", aws_apigatewayv2_stage.default.name],
        ["AWS/ApiGateway", "4xx", "ApiId", aws_apigatewayv2_api.this.id, "Stage", aws_apigatewayv2_stage.default.name],
        [aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].namespace, aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].name, "ApiId", aws_apigatewayv2_api.this.id],
        ["AWS/ApiGateway", "5xx", "ApiId", aws_apigatewayv2_api.this.id, "Stage", aws_apigatewayv2_stage.default.name],
      ]
    },
    {
      title = "WeChat Pay: latency (p99, ms) and retries"
      metrics = concat(
        [for key, a in local.verification_alarms : ["RechargeClose", "UpstreamLatency", "FunctionName", local.function_names[a.function], "Operation", a.operation, { stat = "p99", label = "${key} latency" }]],
        [for key, a in local.verification_alarms : ["RechargeClose", "Retries", "FunctionName", local.function_names[a.function], "Operation", a.operation, { yAxis = "right", label = "${key} retries" }]],
      )
    },
    ], local.is_aot ? [{
      title   = "Cold starts without the AOT cache"
      metrics = [for key, name in local.function_names : ["RechargeClose", "AotCacheMisses", "FunctionName", name, "Handler", key]]
      }] : [], local.scheduled_close ? [{
      # AWS/Scheduler by ScheduleGroup (alarms.tf says where the names come from).
      title = "Scheduled closes: deliveries to the command queue"
      metrics = concat(
        [for metric in ["InvocationAttemptCount", "TargetErrorCount", "InvocationDroppedCount", "InvocationsSentToDeadLetterCount", "InvocationsFailedToBeSentToDeadLetterCount"] : ["AWS/Scheduler", metric, "ScheduleGroup", aws_scheduler_schedule_group.close[0].name]],
        [["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.scheduler_dlq[0].name, { stat = "Maximum", yAxis = "right", label = "scheduler dead-letter queue" }]],
      )
  }] : [])
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [for i, w in local.dashboard_widgets : {
      type   = "metric"
      x      = (i % 2) * 12
      y      = floor(i / 2) * 6
      width  = 12
      height = 6
      properties = merge({
        title  = w.title
        region = data.aws_region.current.region
        view   = "timeSeries"
        stat   = "Sum"
        period = local.dashboard_period
      }, w)
    }]
  })
}
