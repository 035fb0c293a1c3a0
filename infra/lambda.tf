################################################################################
# Two functions from the SAME package (local.lambda_zip_path, per package_mode);
# QUARKUS_LAMBDA_HANDLER picks
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

  # Direct upload up to Lambda's limit, else the S3 object of package.tf (pinned to its
  # version). source_code_hash in both cases, so an unchanged build plans no change.
  filename          = local.lambda_upload_via_s3 ? null : local.lambda_zip_path
  s3_bucket         = local.lambda_upload_via_s3 ? aws_s3_object.package[0].bucket : null
  s3_key            = local.lambda_upload_via_s3 ? aws_s3_object.package[0].key : null
  s3_object_version = local.lambda_upload_via_s3 ? aws_s3_object.package[0].version_id : null
  source_code_hash  = local.lambda_zip_sha256
  runtime           = "provided.al2023" # both packages bring their own runtime: the executable, or a jlinked JDK
  handler           = "bootstrap"
  architectures     = [var.architecture]
  # Encrypts the environment.
  kms_key_arn = var.kms_key_arn

  memory_size                    = each.value.memory_size
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.reserved_concurrency
  publish                        = true

  environment {
    variables = merge(
      var.extra_environment_variables,
      local.wechatpay_environment,
      local.package_environment,
      each.value.consumes_command_queue ? local.sqs_environment : tomap({}),
      each.value.schedules_closes ? local.schedule_environment : tomap({}),
      local.outcome_environment,
      { QUARKUS_LAMBDA_HANDLER = each.key },
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.function[each.key].name
  }

  tracing_config {
    mode = var.enable_xray_tracing ? "Active" : "PassThrough"
  }

  tags = var.tags

  # Published versions start against the role's policy and the secret's value (a cold start
  # reads the secret): both must exist first. The secret version only when this module
  # writes it (secrets.tf).
  depends_on = [aws_iam_role_policy.this, aws_secretsmanager_secret_version.wechatpay]

  lifecycle {
    precondition {
      condition     = each.value.timeout > var.wechatpay_timeout_seconds
      error_message = "${each.key}_function_timeout_seconds must be greater than wechatpay_timeout_seconds (the upstream deadline)."
    }
    precondition {
      condition     = var.create_wechatpay_secret || var.wechatpay_secret_arn != null
      error_message = "Set create_wechatpay_secret = true or pass wechatpay_secret_arn."
    }
    precondition {
      condition     = var.lambda_package_upload != "direct" || local.lambda_zip_bytes <= local.lambda_direct_upload_limit_bytes
      error_message = "The package ${local.lambda_zip_path} is ${local.lambda_zip_bytes} bytes, above the ${local.lambda_direct_upload_limit_bytes} bytes Lambda takes in a direct upload (50 MiB less room for the rest of the request): let it go through S3 (lambda_package_upload = auto or s3)."
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
