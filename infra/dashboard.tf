################################################################################
# One CloudWatch dashboard, "<name>", of what the alarms watch (alarms.tf): the
# closes by outcome, the keys (verification failures, rejected signatures), the
# queue, the functions' duration against their timeout, errors and throttles, the
# API's 4xx / 429 / 5xx, and WeChat Pay's latency and retries.
################################################################################

locals {
  dashboard_period = var.alarm_period_seconds
  function_names   = { for key, fn in aws_lambda_function.this : key => fn.function_name }

  # [namespace, metric, dimension, value...] rows of a metric widget.
  dashboard_widgets = concat([
    {
      title = "Closes by outcome (http)"
      metrics = [[{
        expression = "SEARCH('{RechargeClose,Handler,Outcome} MetricName=Closes Handler=http', 'Sum', ${local.dashboard_period})"
        id         = "http"
      }]]
    },
    {
      title = "Closes by outcome (sqs)"
      metrics = [[{
        expression = "SEARCH('{RechargeClose,Handler,Outcome} MetricName=Closes Handler=sqs', 'Sum', ${local.dashboard_period})"
        id         = "sqs"
      }]]
    },
    {
      title = "Keys: verification failures, rejected signatures"
      metrics = [
        ["RechargeClose", "VerificationFailures", "Operation", "close"],
        ["RechargeClose", "VerificationFailures", "Operation", "query"],
        ["RechargeClose", "Closes", "Handler", "http", "Outcome", "UPSTREAM_REJECTED_SIGNATURE"],
        ["RechargeClose", "Closes", "Handler", "sqs", "Outcome", "UPSTREAM_REJECTED_SIGNATURE"],
      ]
    },
    {
      title = "SQS batches: size and item failures"
      metrics = [
        ["RechargeClose", "BatchSize", "Handler", "sqs"],
        ["RechargeClose", "BatchItemFailures", "Handler", "sqs"],
      ]
    },
    {
      title = "Queue: oldest message age (s), messages visible"
      stat  = "Maximum"
      metrics = [
        ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.commands.name],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.commands.name, { yAxis = "right" }],
        ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.dlq.name, { yAxis = "right" }],
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
      metrics = [
        ["RechargeClose", "UpstreamLatency", "Operation", "close", { stat = "p99" }],
        ["RechargeClose", "UpstreamLatency", "Operation", "query", { stat = "p99" }],
        ["RechargeClose", "Retries", "Operation", "close", { yAxis = "right" }],
        ["RechargeClose", "Retries", "Operation", "query", { yAxis = "right" }],
      ]
    },
    ], local.is_aot ? [{
      title   = "Cold starts without the AOT cache"
      metrics = [for key in keys(local.functions) : ["RechargeClose", "AotCacheMisses", "Handler", key]]
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
