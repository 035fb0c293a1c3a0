################################################################################
# One least-privilege role per function.
################################################################################

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    sid     = "LambdaAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.functions

  name                 = "${each.value.name}-role"
  description          = "Execution role of ${each.value.name}."
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  statement {
    sid       = "ReadWechatpaySecret"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.wechatpay_secret_arn]
  }

  # Only where local.functions sets consumes_command_queue (the sqs function).
  dynamic "statement" {
    for_each = each.value.consumes_command_queue ? [1] : []
    content {
      sid    = "ConsumeCommandQueue"
      effect = "Allow"
      actions = [
        "sqs:ReceiveMessage",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:ChangeMessageVisibility",
        "sqs:GetQueueUrl",
      ]
      resources = [aws_sqs_queue.commands.arn]
    }
  }

  # The sqs handler moves permanent failures to the rejected queue itself
  # (SQS_DEAD_LETTER_QUEUE_URL), instead of letting them be retried max_receive_count times.
  # It also hands messages back (ChangeMessageVisibility, above) and finds its queue's URL.
  dynamic "statement" {
    for_each = each.value.consumes_command_queue ? [1] : []
    content {
      sid       = "SendPermanentFailuresToRejectedQueue"
      effect    = "Allow"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.rejected.arn]
    }
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid    = "DecryptWithCustomerKey"
      effect = "Allow"
      # Sending to the encrypted dead-letter queue also needs a data key (sqs role only).
      actions   = each.value.consumes_command_queue ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values = concat(
          ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"],
          each.value.consumes_command_queue ? ["sqs.${data.aws_region.current.region}.amazonaws.com"] : [],
        )
      }
    }
  }

  # Scheduled closes (scheduler.tf), http role only: the schedules of its own group, whatever
  # their name (one per recharge, named by the function).
  dynamic "statement" {
    for_each = each.value.schedules_closes ? [1] : []
    content {
      sid       = "ManageOwnCloseSchedules"
      effect    = "Allow"
      actions   = ["scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"]
      resources = ["arn:${data.aws_partition.current.partition}:scheduler:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:schedule/${aws_scheduler_schedule_group.close[0].name}/*"]
    }
  }

  # Each schedule names the role the scheduler delivers as: this one, to the scheduler only.
  dynamic "statement" {
    for_each = each.value.schedules_closes ? [1] : []
    content {
      sid       = "PassSchedulerRole"
      effect    = "Allow"
      actions   = ["iam:PassRole"]
      resources = [aws_iam_role.scheduler[0].arn]

      condition {
        test     = "StringEquals"
        variable = "iam:PassedToService"
        values   = ["scheduler.amazonaws.com"]
      }
    }
  }

  # Outcome events (events.tf): on this deployment's bus only.
  dynamic "statement" {
    for_each = var.enable_outcome_events ? [1] : []
    content {
      sid       = "PutOutcomeEvents"
      effect    = "Allow"
      actions   = ["events:PutEvents"]
      resources = [aws_cloudwatch_event_bus.outcomes[0].arn]
    }
  }

  # X-Ray trace segments cannot be scoped to a resource (allow-listed in test/checks.mjs).
  dynamic "statement" {
    for_each = var.enable_xray_tracing ? [1] : []
    content {
      sid       = "XRayTracing"
      effect    = "Allow"
      actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = local.functions

  name   = "least-privilege"
  role   = aws_iam_role.this[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

################################################################################
# Ready-made least-privilege policies for the callers (outputs).
################################################################################

# Both routes: close (POST) and cancel a scheduled close (DELETE).
data "aws_iam_policy_document" "api_caller" {
  statement {
    sid       = "InvokeCloseRoutes"
    effect    = "Allow"
    actions   = ["execute-api:Invoke"]
    resources = [for method in keys(local.close_routes) : "${aws_apigatewayv2_api.this.execution_arn}/${aws_apigatewayv2_stage.default.name}/${method}/recharges/*/close"]
  }
}

data "aws_iam_policy_document" "queue_producer" {
  statement {
    sid       = "SendCloseCommands"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.commands.arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "EncryptWithCustomerKey"
      effect    = "Allow"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]
    }
  }
}
