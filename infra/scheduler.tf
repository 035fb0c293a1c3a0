################################################################################
# Closes scheduled at a deadline (enable_scheduled_close). The http function turns
# POST .../close with close_at into a one-time EventBridge Scheduler schedule in a group
# of its own, and DELETE .../close deletes it:
#
#   http function -- scheduler:Create/Update/DeleteSchedule (its group only),
#                    iam:PassRole (the role below only) --> schedule group <name>
#   at(close_at)  -- EventBridge Scheduler assumes <name>-scheduler-role -->
#                    sqs:SendMessage of the command to <name>-commands[.fifo]
#                    (retried 185 times over a day) --> else <name>-scheduler-dlq
#
# At the deadline the sqs function closes the command like any other (same validation,
# outcomes and dead letters). Each schedule deletes itself after it fired.
################################################################################

data "aws_caller_identity" "current" {}

resource "aws_scheduler_schedule_group" "close" {
  count = local.scheduled_close ? 1 : 0

  name = var.name
  tags = var.tags

  lifecycle {
    # For a FIFO command queue the function sets a message group id but no deduplication id:
    # SQS refuses such a send unless the queue deduplicates by content.
    precondition {
      condition     = !aws_sqs_queue.commands.fifo_queue || aws_sqs_queue.commands.content_based_deduplication
      error_message = "enable_scheduled_close with a FIFO command queue needs content_based_deduplication on it: the scheduled sends carry a message group id but no deduplication id."
    }
  }
}

# What EventBridge Scheduler finally could not deliver (after its retry policy): a standard
# queue whatever fifo_queue says, as EventBridge Scheduler takes no FIFO dead-letter queue
# (https://docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
resource "aws_sqs_queue" "scheduler_dlq" {
  count = local.scheduled_close ? 1 : 0

  name                              = "${var.name}-scheduler-dlq"
  message_retention_seconds         = 1209600 # 14 days, the most SQS keeps: each is a close that did not happen
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags
}

# TLS only; the scheduler role sends its undeliverable closes here.
data "aws_iam_policy_document" "scheduler_dlq" {
  count = local.scheduled_close ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.scheduler_dlq[0].arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "AllowSchedulerDeadLetters"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.scheduler_dlq[0].arn]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.scheduler[0].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "scheduler_dlq" {
  count = local.scheduled_close ? 1 : 0

  queue_url = aws_sqs_queue.scheduler_dlq[0].id
  policy    = data.aws_iam_policy_document.scheduler_dlq[0].json
}

# The role EventBridge Scheduler delivers as (the function passes it in each schedule's
# target). Trusted by the scheduler for schedules of this account only. aws:SourceArn is
# left out: AWS's guide has said both the schedule's and the schedule group's ARN for it
# (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html),
# and a wrong one fails every delivery.
data "aws_iam_policy_document" "scheduler_assume_role" {
  count = local.scheduled_close ? 1 : 0

  statement {
    sid     = "SchedulerAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  count = local.scheduled_close ? 1 : 0

  name                 = "${var.name}-scheduler-role"
  description          = "Assumed by EventBridge Scheduler to send the scheduled closes of ${var.name} to its command queue."
  assume_role_policy   = data.aws_iam_policy_document.scheduler_assume_role[0].json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  count = local.scheduled_close ? 1 : 0

  statement {
    sid       = "SendScheduledCloses"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.commands.arn]
  }

  statement {
    sid       = "SendUndeliveredClosesToDeadLetterQueue"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.scheduler_dlq[0].arn]
  }

  # Sending to a queue encrypted with a customer key takes a data key (as the sqs role's
  # dead-letter sends, iam.tf): through SQS in this region only.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "EncryptWithCustomerKey"
      effect    = "Allow"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${data.aws_region.current.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "scheduler" {
  count = local.scheduled_close ? 1 : 0

  name   = "least-privilege"
  role   = aws_iam_role.scheduler[0].id
  policy = data.aws_iam_policy_document.scheduler[0].json
}
