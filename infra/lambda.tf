################################################################################
# Two functions from the SAME target/function.zip; QUARKUS_LAMBDA_HANDLER picks
# the handler at run time: "http" (API Gateway HTTP API, payload 2.0) or "sqs"
# (SQS events, answers SQSBatchResponse with batchItemFailures).
# One instance per key of local.functions (main.tf): ["http"] and ["sqs"].
################################################################################

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${each.value.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name = each.value.name
  description   = each.value.description
  role          = aws_iam_role.this[each.key].arn

  filename         = local.lambda_zip_path
  source_code_hash = filebase64sha256(local.lambda_zip_path)
  runtime          = local.lambda_runtime
  handler          = local.lambda_handler
  architectures    = [var.architecture]

  memory_size                    = each.value.memory_size
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved_concurrency
  publish                        = true

  environment {
    variables = merge(
      var.extra_environment_variables,
      local.wechatpay_environment,
      local.package_environment,
      { QUARKUS_LAMBDA_HANDLER = each.key },
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
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tracing_config {
    mode = var.enable_xray_tracing ? "Active" : "PassThrough"
  }

  tags = var.tags

  # The role's inline policy must exist before the function (SnapStart initialises
  # the published version, which reads the secret and writes logs).
  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = each.value.timeout > var.wechatpay_timeout_seconds
      error_message = "${each.key}_function_timeout_seconds must be greater than wechatpay_timeout_seconds (the upstream deadline)."
    }
    precondition {
      condition     = var.create_wechatpay_secret || var.wechatpay_secret_arn != null
      error_message = "Set create_wechatpay_secret = true or pass wechatpay_secret_arn."
    }
  }
}

# Triggers (API integration, SQS event source mapping) target these aliases.
resource "aws_lambda_alias" "this" {
  for_each = local.functions

  name             = local.lambda_alias_name
  description      = each.value.alias_description
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}
