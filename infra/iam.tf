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

resource "aws_iam_role" "http" {
  name                 = "${local.function_names.http}-role"
  description          = "Execution role of ${local.function_names.http}."
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role" "sqs" {
  name                 = "${local.function_names.sqs}-role"
  description          = "Execution role of ${local.function_names.sqs}."
  assume_role_policy   = data.aws_iam_policy_document.lambda_assume_role.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "http" {
  statement {
    sid       = "WriteOwnLogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.http.arn}:*"]
  }

  statement {
    sid       = "ReadWechatpaySecret"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.wechatpay_secret_arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptWithCustomerKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]
      }
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

data "aws_iam_policy_document" "sqs" {
  statement {
    sid       = "WriteOwnLogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.sqs.arn}:*"]
  }

  statement {
    sid       = "ReadWechatpaySecret"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [local.wechatpay_secret_arn]
  }

  statement {
    sid    = "ConsumeCommandQueue"
    effect = "Allow"
    actions = [
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ChangeMessageVisibility",
    ]
    resources = [aws_sqs_queue.commands.arn]
  }

  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
    content {
      sid       = "DecryptWithCustomerKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values = [
          "secretsmanager.${data.aws_region.current.region}.amazonaws.com",
          "sqs.${data.aws_region.current.region}.amazonaws.com",
        ]
      }
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

resource "aws_iam_role_policy" "http" {
  name   = "least-privilege"
  role   = aws_iam_role.http.id
  policy = data.aws_iam_policy_document.http.json
}

resource "aws_iam_role_policy" "sqs" {
  name   = "least-privilege"
  role   = aws_iam_role.sqs.id
  policy = data.aws_iam_policy_document.sqs.json
}

################################################################################
# Ready-made least-privilege policies for the callers (outputs).
################################################################################

data "aws_iam_policy_document" "api_caller" {
  statement {
    sid       = "InvokeCloseRoute"
    effect    = "Allow"
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_apigatewayv2_api.this.execution_arn}/${aws_apigatewayv2_stage.default.name}/POST/recharges/*/close"]
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
