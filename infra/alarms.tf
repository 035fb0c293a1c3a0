################################################################################
# Alarms: DLQ not empty, function errors and throttles, API 5xx rate, and (aot)
# cold starts without the AOT cache.
################################################################################

locals {
  # Function key ("http", "sqs") => function name; one Errors and one Throttles alarm each.
  monitored_functions = { for key, fn in aws_lambda_function.this : key => fn.function_name }
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

resource "aws_cloudwatch_metric_alarm" "dlq_not_empty" {
  alarm_name          = "${var.name}-dlq-not-empty"
  alarm_description   = "Close commands failed ${var.max_receive_count} times and reached ${aws_sqs_queue.dlq.name}; inspect and redrive them."
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
  alarm_description   = "The ${each.key} function reported errors (unhandled exceptions or timeouts)."
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
  alarm_description   = "The ${each.key} function was throttled (reserved concurrency or account limit reached)."
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
  alarm_description   = "More than ${var.api_5xx_rate_alarm_threshold_percent}% of close requests answered 5xx."
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  threshold           = var.api_5xx_rate_alarm_threshold_percent
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    label       = "5xx rate (%)"
    expression  = "IF(requests > 0, 100 * errors / requests, 0)"
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

# The aot function emits AotCacheMisses (EMF, namespace RechargeClose, dimension Handler)
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
    Handler = each.key
  }

  alarm_actions = local.alarm_actions
  ok_actions    = local.alarm_actions
  tags          = var.tags
}
