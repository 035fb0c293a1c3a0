output "api_endpoint" {
  description = "Base URL of the HTTP API ($default stage); POST (close, or schedule with close_at) and DELETE (cancel a scheduled close) <api_endpoint>/recharges/{out_recharge_no}/close."
  value       = aws_apigatewayv2_api.this.api_endpoint
}

output "api_id" {
  description = "Id of the HTTP API."
  value       = aws_apigatewayv2_api.this.id
}

output "api_execution_arn" {
  description = "Execution ARN of the HTTP API (prefix of execute-api:Invoke resources)."
  value       = aws_apigatewayv2_api.this.execution_arn
}

output "close_route_key" {
  description = "Route key of the close route (POST)."
  value       = aws_apigatewayv2_route.close["POST"].route_key
}

output "cancel_close_route_key" {
  description = "Route key of the route that cancels a scheduled close (DELETE)."
  value       = aws_apigatewayv2_route.close["DELETE"].route_key
}

output "api_caller_policy_json" {
  description = "IAM policy granting execute-api:Invoke on the close routes only (POST and DELETE); attach it to callers when api_authorization_type = \"AWS_IAM\"."
  value       = data.aws_iam_policy_document.api_caller.json
}

output "queue_url" {
  description = "URL of the command queue; send {\"out_recharge_no\": \"...\", \"sub_mchid\": \"...\"} here."
  value       = aws_sqs_queue.commands.url
}

output "queue_arn" {
  description = "ARN of the command queue."
  value       = aws_sqs_queue.commands.arn
}

output "queue_producer_policy_json" {
  description = "IAM policy granting sqs:SendMessage on the command queue only (plus the KMS key when one is used)."
  value       = data.aws_iam_policy_document.queue_producer.json
}

output "dlq_url" {
  description = "URL of the dead-letter queue."
  value       = aws_sqs_queue.dlq.url
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "rejected_queue_url" {
  description = "URL of the queue of close commands whose answer was final (403, 404, PARAM_ERROR, invalid): an operator decides."
  value       = aws_sqs_queue.rejected.url
}

output "rejected_queue_arn" {
  description = "ARN of the rejected queue."
  value       = aws_sqs_queue.rejected.arn
}

output "schedule_group_name" {
  description = "EventBridge Scheduler schedule group of the scheduled closes (SCHEDULE_GROUP_NAME); null with enable_scheduled_close = false."
  value       = local.scheduled_close ? aws_scheduler_schedule_group.close[0].name : null
}

output "scheduler_role_arn" {
  description = "Role EventBridge Scheduler sends the scheduled closes to the command queue as (SCHEDULE_ROLE_ARN); null with enable_scheduled_close = false. Name it in the key policy when kms_key_arn is set."
  value       = local.scheduled_close ? aws_iam_role.scheduler[0].arn : null
}

output "scheduler_dlq_url" {
  description = "URL of the scheduler's dead-letter queue: scheduled closes it could not deliver; null with enable_scheduled_close = false."
  value       = local.scheduled_close ? aws_sqs_queue.scheduler_dlq[0].url : null
}

output "scheduler_dlq_arn" {
  description = "ARN of the scheduler's dead-letter queue (SCHEDULE_DEAD_LETTER_ARN); null with enable_scheduled_close = false."
  value       = local.scheduled_close ? aws_sqs_queue.scheduler_dlq[0].arn : null
}

output "http_function_name" {
  description = "Name of the API (QUARKUS_LAMBDA_HANDLER=http) function."
  value       = aws_lambda_function.this["http"].function_name
}

output "http_function_arn" {
  description = "Unqualified ARN of the API (http) function."
  value       = aws_lambda_function.this["http"].arn
}

output "http_function_alias_arn" {
  description = "ARN of the \"live\" alias the HTTP API invokes."
  value       = aws_lambda_alias.this["http"].arn
}

output "sqs_function_name" {
  description = "Name of the queue (QUARKUS_LAMBDA_HANDLER=sqs) function."
  value       = aws_lambda_function.this["sqs"].function_name
}

output "sqs_function_arn" {
  description = "Unqualified ARN of the queue (sqs) function."
  value       = aws_lambda_function.this["sqs"].arn
}

output "sqs_function_alias_arn" {
  description = "ARN of the \"live\" alias the SQS event source mapping invokes."
  value       = aws_lambda_alias.this["sqs"].arn
}

output "http_function_role_arn" {
  description = "Execution role of the API (http) function."
  value       = aws_iam_role.this["http"].arn
}

output "sqs_function_role_arn" {
  description = "Execution role of the queue (sqs) function."
  value       = aws_iam_role.this["sqs"].arn
}

output "wechatpay_secret_arn" {
  description = "ARN of the Secrets Manager secret the functions read (WECHATPAY_SECRET_ID)."
  value       = local.wechatpay_secret_arn
}

output "log_group_names" {
  description = "CloudWatch log groups: http and sqs functions, API access logs."
  value = merge(
    { for key, group in aws_cloudwatch_log_group.function : key => group.name },
    { api_access = aws_cloudwatch_log_group.api_access.name },
  )
}

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping that drives the sqs function (to disable or tune it during an incident)."
  value       = aws_lambda_event_source_mapping.commands.uuid
}

output "alarm_arns" {
  description = "ARN of every alarm by alarm name: to wire them to an incident tool or into composite alarms."
  value = merge(
    { for alarm in [
      aws_cloudwatch_metric_alarm.dlq_not_empty,
      aws_cloudwatch_metric_alarm.rejected_not_empty,
      aws_cloudwatch_metric_alarm.queue_oldest_message_age,
      aws_cloudwatch_metric_alarm.batch_item_failures,
      aws_cloudwatch_metric_alarm.api_5xx_rate,
      aws_cloudwatch_metric_alarm.api_4xx_rate,
      aws_cloudwatch_metric_alarm.api_429_rate,
    ] : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.function_errors : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.function_throttles : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.function_duration : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.verification_failures : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.rejected_signature : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.aot_cache_misses : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.key_read_failures : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.certificate_expiry : alarm.alarm_name => alarm.arn },
    { for alarm in aws_cloudwatch_metric_alarm.outcome_event_failures : alarm.alarm_name => alarm.arn },
    { for alarm in concat(
      aws_cloudwatch_metric_alarm.scheduler_dlq_not_empty,
      aws_cloudwatch_metric_alarm.scheduler_target_errors,
      aws_cloudwatch_metric_alarm.scheduler_closes_lost,
    ) : alarm.alarm_name => alarm.arn },
  )
}

output "alarm_sns_topic_arn" {
  description = "SNS topic receiving the alarms (null when none)."
  value       = local.alarm_topic_arn
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard of the alarmed metrics."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "package_mode" {
  description = "Deployed package mode (native or aot)."
  value       = var.package_mode
}

output "package_s3_object" {
  description = "Where the package was uploaded when it went through S3 (bucket, key, version_id); null for a direct upload."
  value = local.lambda_upload_via_s3 ? {
    bucket     = aws_s3_object.package[0].bucket
    key        = aws_s3_object.package[0].key
    version_id = aws_s3_object.package[0].version_id
  } : null
}

output "outcome_event_bus_name" {
  description = "The EventBridge bus every close outcome is put on (source recharge-close, detail-type \"Recharge close outcome\"; api/close-outcome-event.schema.json): add your rules to it. Null when enable_outcome_events = false."
  value       = var.enable_outcome_events ? aws_cloudwatch_event_bus.outcomes[0].name : null
}

output "outcome_event_bus_arn" {
  description = "ARN of the outcome events' bus. Null when enable_outcome_events = false."
  value       = var.enable_outcome_events ? aws_cloudwatch_event_bus.outcomes[0].arn : null
}
