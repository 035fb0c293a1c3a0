output "api_endpoint" {
  description = "Base URL of the HTTP API."
  value       = module.recharge_close.api_endpoint
}

output "api_caller_policy_json" {
  description = "Policy to attach to IAM callers of the close route."
  value       = module.recharge_close.api_caller_policy_json
}

output "queue_url" {
  description = "URL of the command queue."
  value       = module.recharge_close.queue_url
}

output "queue_arn" {
  description = "ARN of the command queue."
  value       = module.recharge_close.queue_arn
}

output "queue_producer_policy_json" {
  description = "Policy to attach to producers of close commands."
  value       = module.recharge_close.queue_producer_policy_json
}

output "dlq_url" {
  description = "URL of the dead-letter queue."
  value       = module.recharge_close.dlq_url
}

output "http_function_name" {
  description = "Name of the API function."
  value       = module.recharge_close.http_function_name
}

output "http_function_arn" {
  description = "ARN of the API function."
  value       = module.recharge_close.http_function_arn
}

output "sqs_function_name" {
  description = "Name of the queue function."
  value       = module.recharge_close.sqs_function_name
}

output "sqs_function_arn" {
  description = "ARN of the queue function."
  value       = module.recharge_close.sqs_function_arn
}

output "wechatpay_secret_arn" {
  description = "The secret the functions read their keys from: yours (wechatpay_secret_arn), or the one the apply created with its value. A rotation puts its new value (infra/README.md, Rotating the keys)."
  value       = module.recharge_close.wechatpay_secret_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the alarmed metrics."
  value       = module.recharge_close.dashboard_name
}

output "log_group_names" {
  description = "CloudWatch log groups: http and sqs functions, API access logs."
  value       = module.recharge_close.log_group_names
}

output "event_source_mapping_uuid" {
  description = "UUID of the SQS event source mapping that drives the sqs function."
  value       = module.recharge_close.event_source_mapping_uuid
}

output "alarm_arns" {
  description = "ARN of every alarm by alarm name."
  value       = module.recharge_close.alarm_arns
}

output "schedule_group_name" {
  description = "EventBridge Scheduler schedule group of the scheduled closes."
  value       = module.recharge_close.schedule_group_name
}

output "scheduler_dlq_url" {
  description = "URL of the scheduler's dead-letter queue (scheduled closes it could not deliver)."
  value       = module.recharge_close.scheduler_dlq_url
}

output "outcome_event_bus_name" {
  description = "The bus every close outcome is put on: add your rules to it."
  value       = module.recharge_close.outcome_event_bus_name
}

output "paid_recharges_queue_url" {
  description = "The example rule's queue of recharges paid before their close."
  value       = aws_sqs_queue.paid_recharges.url
}
