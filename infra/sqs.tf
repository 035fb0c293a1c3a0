################################################################################
# Command queue -> dead-letter queue, consumed by the sqs function's alias.
# Message body: {"out_recharge_no": "...", "sub_mchid": "..."}
# Two queues of letters, for two kinds of trouble: the dead-letter queue gets what SQS moved
# after max_receive_count receives (retries exhausted: longer than queue_outage_budget_seconds
# of trouble; replayable to the command queue once it is over), the rejected queue what the
# function judged final itself (403, 404, PARAM_ERROR, invalid commands: an operator decides;
# replaying them unchanged gets the same answer).
################################################################################

resource "aws_sqs_queue" "dlq" {
  name                              = "${var.name}-commands-dlq${local.queue_name_suffix}"
  fifo_queue                        = var.fifo_queue
  content_based_deduplication       = var.fifo_queue
  message_retention_seconds         = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags

  lifecycle {
    precondition {
      condition     = var.dlq_message_retention_seconds > var.queue_message_retention_seconds
      error_message = "dlq_message_retention_seconds must exceed queue_message_retention_seconds: a dead-lettered message keeps its original enqueue time."
    }
  }
}

resource "aws_sqs_queue" "rejected" {
  name                              = "${var.name}-commands-rejected${local.queue_name_suffix}"
  fifo_queue                        = var.fifo_queue
  content_based_deduplication       = var.fifo_queue
  message_retention_seconds         = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300
  tags                              = var.tags
}

resource "aws_sqs_queue" "commands" {
  name = "${var.name}-commands${local.queue_name_suffix}"
  # FIFO: the function keeps the order per message group (a failed message fails the rest
  # of its group in that batch); producers send a MessageGroupId, e.g. the sub_mchid.
  fifo_queue                        = var.fifo_queue
  content_based_deduplication       = var.fifo_queue
  visibility_timeout_seconds        = local.queue_visibility_timeout_seconds
  message_retention_seconds         = var.queue_message_retention_seconds
  receive_wait_time_seconds         = 20
  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null
  kms_master_key_id                 = var.kms_key_arn
  kms_data_key_reuse_period_seconds = var.kms_key_arn == null ? null : 300

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = local.max_receive_count
  })

  tags = var.tags

  lifecycle {
    precondition {
      condition     = local.max_receive_count >= local.outage_receives
      error_message = "max_receive_count = ${local.max_receive_count} runs out before queue_outage_budget_seconds = ${var.queue_outage_budget_seconds} s of WeChat Pay outage (it takes ${local.outage_receives} receives with the function's waits, sqs_backoff_first_seconds to sqs_backoff_max_seconds): during such an outage the backlog would move to the dead-letter queue. Leave max_receive_count null, or raise it."
    }
    precondition {
      condition     = var.queue_oldest_message_age_alarm_seconds < var.queue_outage_budget_seconds
      error_message = "queue_oldest_message_age_alarm_seconds must be shorter than queue_outage_budget_seconds: the on-call hears of a waiting backlog while it can still wait, not after it ran out."
    }
    precondition {
      condition     = local.max_receive_count <= 1000
      error_message = "queue_outage_budget_seconds = ${var.queue_outage_budget_seconds} s needs ${local.max_receive_count} receives with waits of sqs_backoff_first_seconds to sqs_backoff_max_seconds; SQS allows at most 1000: raise sqs_backoff_max_seconds."
    }
    precondition {
      condition     = var.queue_message_retention_seconds >= var.queue_outage_budget_seconds + var.sqs_backoff_max_seconds
      error_message = "queue_message_retention_seconds must outlast queue_outage_budget_seconds and one more wait (sqs_backoff_max_seconds): SQS deletes a message past its retention, closed or not."
    }
    precondition {
      condition     = local.queue_visibility_timeout_seconds >= 6 * var.sqs_function_timeout_seconds + var.sqs_maximum_batching_window_seconds
      error_message = "The command queue's visibility timeout must be at least 6 x sqs_function_timeout_seconds + sqs_maximum_batching_window_seconds (AWS guidance for Lambda event sources); raise queue_visibility_timeout_seconds or leave it null."
    }
  }
}

# Only the command queue may use the DLQ as its dead-letter target.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.commands.arn]
  })
}

# Who may send: TLS only; close commands only from the named producers and, with
# enable_scheduled_close, the scheduler role (local.command_queue_senders; everyone else,
# this account included, is denied sqs:SendMessage); dead-letters only from the sqs role.
data "aws_iam_policy_document" "commands_queue" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.commands.arn]

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

  dynamic "statement" {
    for_each = length(local.command_queue_senders) > 0 ? [1] : []
    content {
      sid       = "AllowNamedProducers"
      effect    = "Allow"
      actions   = ["sqs:SendMessage"]
      resources = [aws_sqs_queue.commands.arn]

      principals {
        type        = "AWS"
        identifiers = local.command_queue_senders
      }
    }
  }

  # No sender at all: nobody sends (an ArnNotEquals needs at least one value).
  statement {
    sid       = "DenySendFromOthers"
    effect    = "Deny"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.commands.arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    dynamic "condition" {
      for_each = length(local.command_queue_senders) > 0 ? [1] : []
      content {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = local.command_queue_senders
      }
    }
  }
}

resource "aws_sqs_queue_policy" "commands" {
  queue_url = aws_sqs_queue.commands.id
  policy    = data.aws_iam_policy_document.commands_queue.json
}

# The DLQ: TLS only. SQS's redrive from the command queue is not a SendMessage of any
# principal, and nobody else sends to it.
data "aws_iam_policy_document" "dlq" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.dlq.arn]

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

}

resource "aws_sqs_queue_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  policy    = data.aws_iam_policy_document.dlq.json
}

# The rejected queue: TLS only, and the sqs function's own final letters (SQS_DEAD_LETTER_QUEUE_URL).
data "aws_iam_policy_document" "rejected" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.rejected.arn]

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
    sid       = "AllowSqsFunctionFinalLetters"
    effect    = "Allow"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.rejected.arn]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.this["sqs"].arn]
    }
  }
}

resource "aws_sqs_queue_policy" "rejected" {
  queue_url = aws_sqs_queue.rejected.id
  policy    = data.aws_iam_policy_document.rejected.json
}

resource "aws_lambda_event_source_mapping" "commands" {
  event_source_arn = aws_sqs_queue.commands.arn
  # The alias (qualified ARN), so the published version consumes.
  function_name = aws_lambda_alias.this["sqs"].arn
  enabled       = true

  batch_size                         = var.sqs_batch_size
  maximum_batching_window_in_seconds = var.sqs_maximum_batching_window_seconds
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.sqs_maximum_concurrency
  }

  tags = var.tags

  # The mapping is validated against the role's SQS permissions at creation
  # (depends_on takes whole resources: both role policies).
  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = var.sqs_batch_size <= 10 || var.sqs_maximum_batching_window_seconds >= 1
      error_message = "sqs_batch_size above 10 requires sqs_maximum_batching_window_seconds >= 1."
    }
    precondition {
      condition     = !var.fifo_queue || var.sqs_maximum_batching_window_seconds == 0
      error_message = "FIFO event sources take no batching window (so at most 10 messages a batch): set sqs_maximum_batching_window_seconds = 0 with fifo_queue = true."
    }
    precondition {
      condition     = local.sqs_close_rounds * var.wechatpay_timeout_seconds <= var.sqs_function_timeout_seconds - 1
      error_message = "One sqs invocation gets up to sqs_batch_size = ${var.sqs_batch_size} messages and closes sqs_max_concurrent_closes = ${var.sqs_max_concurrent_closes} at a time (FIFO: one after another, as all may share a message group): ${local.sqs_close_rounds} rounds of up to wechatpay_timeout_seconds = ${var.wechatpay_timeout_seconds} s do not fit in sqs_function_timeout_seconds = ${var.sqs_function_timeout_seconds} less 1 s of margin. Messages the deadline leaves unattempted are reported failed, use up a receive and reach the dead-letter queue after max_receive_count without a real try: lower sqs_batch_size, or raise sqs_function_timeout_seconds or sqs_max_concurrent_closes."
    }
    precondition {
      condition     = var.sqs_function_reserved_concurrency == null ? true : var.sqs_maximum_concurrency <= var.sqs_function_reserved_concurrency
      error_message = "sqs_maximum_concurrency must not exceed sqs_function_reserved_concurrency, or the mapping throttles its own function."
    }
  }
}
