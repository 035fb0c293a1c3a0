################################################################################
# Two functions from the SAME target/function.zip; QUARKUS_LAMBDA_HANDLER picks
# the handler at run time: "http" (API Gateway HTTP API, payload 2.0) or "sqs"
# (SQS events, answers SQSBatchResponse with batchItemFailures).
################################################################################

resource "aws_cloudwatch_log_group" "http" {
  name              = "/aws/lambda/${local.function_names.http}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = var.tags
}

resource "aws_cloudwatch_log_group" "sqs" {
  name              = "/aws/lambda/${local.function_names.sqs}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "http" {
  function_name = local.function_names.http
  description   = "Closes WeChat Pay secondary-merchant recharge orders (API Gateway HTTP API, ${var.package_mode})."
  role          = aws_iam_role.http.arn

  filename         = local.lambda_zip_path
  source_code_hash = filebase64sha256(local.lambda_zip_path)
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  architectures    = [var.architecture]

  memory_size                    = var.http_function_memory_size
  timeout                        = var.http_function_timeout_seconds
  reserved_concurrent_executions = var.http_function_reserved_concurrency
  publish                        = true

  environment {
    variables = merge(
      var.extra_environment_variables,
      local.wechatpay_environment,
      local.package_environment,
      { QUARKUS_LAMBDA_HANDLER = "http" },
    )
  }

  dynamic "snap_start" {
    for_each = local.is_jvm ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.http.name
  }

  tracing_config {
    mode = var.enable_xray_tracing ? "Active" : "PassThrough"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.http]

  lifecycle {
    precondition {
      condition     = var.http_function_timeout_seconds > var.wechatpay_timeout_seconds
      error_message = "http_function_timeout_seconds must be greater than wechatpay_timeout_seconds (the upstream deadline)."
    }
    precondition {
      condition     = var.create_wechatpay_secret || var.wechatpay_secret_arn != null
      error_message = "Set create_wechatpay_secret = true or pass wechatpay_secret_arn."
    }
  }
}

resource "aws_lambda_alias" "http" {
  name             = local.lambda_alias_name
  description      = "Published version that serves the HTTP API."
  function_name    = aws_lambda_function.http.function_name
  function_version = aws_lambda_function.http.version
}

resource "aws_lambda_function" "sqs" {
  function_name = local.function_names.sqs
  description   = "Closes WeChat Pay secondary-merchant recharge orders from SQS commands (${var.package_mode})."
  role          = aws_iam_role.sqs.arn

  filename         = local.lambda_zip_path
  source_code_hash = filebase64sha256(local.lambda_zip_path)
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  architectures    = [var.architecture]

  memory_size                    = var.sqs_function_memory_size
  timeout                        = var.sqs_function_timeout_seconds
  reserved_concurrent_executions = var.sqs_function_reserved_concurrency
  publish                        = true

  environment {
    variables = merge(
      var.extra_environment_variables,
      local.wechatpay_environment,
      local.package_environment,
      { QUARKUS_LAMBDA_HANDLER = "sqs" },
    )
  }

  dynamic "snap_start" {
    for_each = local.is_jvm ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.sqs.name
  }

  tracing_config {
    mode = var.enable_xray_tracing ? "Active" : "PassThrough"
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.sqs]

  lifecycle {
    precondition {
      condition     = var.sqs_function_timeout_seconds > var.wechatpay_timeout_seconds
      error_message = "sqs_function_timeout_seconds must be greater than wechatpay_timeout_seconds (the upstream deadline)."
    }
    precondition {
      condition     = var.create_wechatpay_secret || var.wechatpay_secret_arn != null
      error_message = "Set create_wechatpay_secret = true or pass wechatpay_secret_arn."
    }
  }
}

resource "aws_lambda_alias" "sqs" {
  name             = local.lambda_alias_name
  description      = "Published version that consumes the command queue."
  function_name    = aws_lambda_function.sqs.function_name
  function_version = aws_lambda_function.sqs.version
}
