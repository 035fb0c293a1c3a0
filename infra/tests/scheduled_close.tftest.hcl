# terraform test (Terraform >= 1.7): closes scheduled at a deadline (scheduler.tf), switched on
# (the default) and off. Plan-only against a mocked AWS provider:
#   cd infra && terraform init && terraform test
# Not run in CI here (no Terraform binary); the offline Node suite covers the same invariants
# (check scheduledClose).

mock_provider "aws" {
  source = "./tests/mocks" # shared mock_data: tests/mocks/aws.tfmock.hcl
}

variables {
  lambda_zip_path              = "tests/fixtures/function.zip"
  wechatpay_mchid              = "1900000109"
  wechatpay_merchant_serial_no = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
  wechatpay_public_key_id      = "PUB_KEY_ID_0114232134912410000000000000"
  # The created secret gets its value in the same apply (test stand-ins, not keys).
  wechatpay_private_key_pem = "-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----\n"
  wechatpay_public_key_pem  = "-----BEGIN PUBLIC KEY-----\ntest\n-----END PUBLIC KEY-----\n"
}

run "enabled_by_default" {
  command = plan

  assert {
    condition     = length(aws_scheduler_schedule_group.close) == 1 && aws_scheduler_schedule_group.close[0].name == "wechatpay-recharge-close"
    error_message = "Scheduled closes are on by default, in a schedule group named after the deployment."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["SCHEDULE_GROUP_NAME"] == "wechatpay-recharge-close" && aws_lambda_function.this["http"].environment[0].variables["SCHEDULE_MAX_AHEAD"] == "P30D"
    error_message = "The http function gets its schedule group and how far ahead a close may be scheduled."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "SCHEDULE_GROUP_NAME") && !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "SCHEDULE_ROLE_ARN")
    error_message = "Only the http handler schedules closes."
  }

  assert {
    condition     = aws_iam_role.scheduler[0].name == "wechatpay-recharge-close-scheduler-role"
    error_message = "EventBridge Scheduler delivers as a role of its own."
  }

  assert {
    condition     = aws_sqs_queue.scheduler_dlq[0].name == "wechatpay-recharge-close-scheduler-dlq" && aws_sqs_queue.scheduler_dlq[0].message_retention_seconds == 1209600 && aws_sqs_queue.scheduler_dlq[0].sqs_managed_sse_enabled
    error_message = "The scheduler's dead-letter queue is encrypted and keeps an undelivered close 14 days."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.scheduler_dlq_not_empty[0].dimensions["QueueName"] == "wechatpay-recharge-close-scheduler-dlq" && aws_cloudwatch_metric_alarm.scheduler_dlq_not_empty[0].threshold == 0
    error_message = "The scheduler's dead-letter queue alarms on its first message."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.scheduler_target_errors[0].namespace == "AWS/Scheduler" && aws_cloudwatch_metric_alarm.scheduler_target_errors[0].dimensions["ScheduleGroup"] == "wechatpay-recharge-close" && aws_cloudwatch_metric_alarm.scheduler_closes_lost[0].metric_name == "InvocationsFailedToBeSentToDeadLetterCount"
    error_message = "EventBridge Scheduler's failed deliveries of this group alarm."
  }

  assert {
    condition     = aws_apigatewayv2_route.close["DELETE"].route_key == "DELETE /recharges/{out_recharge_no}/close" && aws_apigatewayv2_route.close["DELETE"].authorization_type == "AWS_IAM"
    error_message = "A scheduled close is cancelled by DELETE on the close route, authorized like POST."
  }

  assert {
    condition     = aws_lambda_permission.api["DELETE"].qualifier == "live" && aws_lambda_permission.api["DELETE"].statement_id == "AllowHttpApiInvokeCancelClose"
    error_message = "The API may invoke the live alias for DELETE too."
  }
}

run "fifo_command_queue" {
  command = plan

  variables {
    fifo_queue = true
  }

  assert {
    condition     = aws_sqs_queue.commands.content_based_deduplication
    error_message = "The scheduled sends to a FIFO command queue carry no deduplication id: it deduplicates by content."
  }

  assert {
    condition     = !endswith(aws_sqs_queue.scheduler_dlq[0].name, ".fifo")
    error_message = "EventBridge Scheduler takes no FIFO dead-letter queue: the scheduler's stays standard."
  }
}

run "disabled" {
  command = plan

  variables {
    enable_scheduled_close = false
  }

  assert {
    condition     = length(aws_scheduler_schedule_group.close) == 0 && length(aws_iam_role.scheduler) == 0 && length(aws_sqs_queue.scheduler_dlq) == 0
    error_message = "Without scheduled closes there is no schedule group, scheduler role nor its dead-letter queue."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.scheduler_dlq_not_empty) == 0 && length(aws_cloudwatch_metric_alarm.scheduler_target_errors) == 0 && length(aws_cloudwatch_metric_alarm.scheduler_closes_lost) == 0
    error_message = "Without scheduled closes there are no scheduler alarms."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "SCHEDULE_GROUP_NAME") && !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "SCHEDULE_ROLE_ARN")
    error_message = "Unset, the function answers close_at and DELETE with 501 SCHEDULED_CLOSE_DISABLED."
  }

  assert {
    condition     = aws_apigatewayv2_route.close["DELETE"].route_key == "DELETE /recharges/{out_recharge_no}/close"
    error_message = "The DELETE route stays: the API does not change with the switch."
  }
}

run "max_ahead" {
  command = plan

  variables {
    scheduled_close_max_ahead = "PT12H"
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["SCHEDULE_MAX_AHEAD"] == "PT12H"
    error_message = "SCHEDULE_MAX_AHEAD follows scheduled_close_max_ahead."
  }
}

run "max_ahead_not_a_duration" {
  command = plan

  variables {
    scheduled_close_max_ahead = "30 days"
  }

  expect_failures = [var.scheduled_close_max_ahead]
}
