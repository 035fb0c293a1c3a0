data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  is_jvm = var.package_mode == "jvm"

  # Built by `./mvnw -B package` at the repository root (one zip, two handlers).
  lambda_zip_path = coalesce(var.lambda_zip_path, "${path.module}/../target/function.zip")

  # One source of truth shared with the benchmark: infra/jvm-options.txt.
  java_tool_options = coalesce(var.java_tool_options, trimspace(file("${path.module}/jvm-options.txt")))

  lambda_runtime = local.is_jvm ? "java21" : "provided.al2023"
  lambda_handler = local.is_jvm ? "app.rechargeclose.lambda.PreloadingStreamHandler::handleRequest" : "bootstrap"

  package_environment = local.is_jvm ? tomap({
    JAVA_TOOL_OPTIONS = local.java_tool_options
    }) : tomap({
    DISABLE_SIGNAL_HANDLERS = "true"
  })

  # Triggers (API integration, SQS event source mapping) target this alias so that
  # SnapStart snapshots of published versions are what actually serves traffic.
  lambda_alias_name = "live"

  # The two functions deployed from the one zip, keyed by their QUARKUS_LAMBDA_HANDLER.
  # lambda.tf (log groups, functions, aliases), iam.tf (roles, policies) and
  # alarms.tf iterate over this map; everything that differs per function is here.
  functions = {
    http = {
      name                   = "${var.name}-http"
      description            = "Closes WeChat Pay secondary-merchant recharge orders (API Gateway HTTP API, ${var.package_mode})."
      alias_description      = "Published version that serves the HTTP API."
      timeout                = var.http_function_timeout_seconds
      memory_size            = var.http_function_memory_size
      reserved_concurrency   = var.http_function_reserved_concurrency
      consumes_command_queue = false
    }
    sqs = {
      name                   = "${var.name}-sqs"
      description            = "Closes WeChat Pay secondary-merchant recharge orders from SQS commands (${var.package_mode})."
      alias_description      = "Published version that consumes the command queue."
      timeout                = var.sqs_function_timeout_seconds
      memory_size            = var.sqs_function_memory_size
      reserved_concurrency   = var.sqs_function_reserved_concurrency
      consumes_command_queue = true # only this role gets the SQS consume actions
    }
  }

  wechatpay_secret_arn = var.create_wechatpay_secret ? aws_secretsmanager_secret.wechatpay[0].arn : var.wechatpay_secret_arn

  # Plain settings only. Key material never goes into environment variables: the
  # function reads WECHATPAY_SECRET_ID from Secrets Manager once per container.
  wechatpay_environment = {
    WECHATPAY_MCHID              = var.wechatpay_mchid
    WECHATPAY_MERCHANT_SERIAL_NO = var.wechatpay_merchant_serial_no
    WECHATPAY_PUBLIC_KEY_ID      = var.wechatpay_public_key_id
    WECHATPAY_BASE_URL           = var.wechatpay_base_url
    WECHATPAY_BACKUP_BASE_URL    = var.wechatpay_backup_base_url
    WECHATPAY_TIMEOUT            = "${var.wechatpay_timeout_seconds}s"
    WECHATPAY_SECRET_ID          = local.wechatpay_secret_arn
  }

  # upstream deadline < http function timeout <= integration timeout < 30 s
  api_integration_timeout_milliseconds = coalesce(var.api_integration_timeout_milliseconds, min(29000, var.http_function_timeout_seconds * 1000 + 1000))

  # AWS guidance: at least 6 x the function timeout (plus the batching window).
  queue_visibility_timeout_seconds = coalesce(var.queue_visibility_timeout_seconds, 6 * var.sqs_function_timeout_seconds + var.sqs_maximum_batching_window_seconds)

  close_route_key = "POST /recharges/{out_recharge_no}/close"
  use_jwt         = var.api_authorization_type == "JWT"

  alarm_topic_arn = var.create_alarm_sns_topic ? aws_sns_topic.alarms[0].arn : var.alarm_sns_topic_arn
  alarm_actions   = local.alarm_topic_arn == null ? [] : [local.alarm_topic_arn]
}
