data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  is_aot = var.package_mode == "aot"

  # What the build left in target/ (one zip, two handlers, a `bootstrap` for provided.al2023
  # in both modes), passed in by the caller: the module reads nothing outside its own folder,
  # so it works the same from a git source or a copy.
  lambda_zip_path   = var.lambda_zip_path
  lambda_zip_sha256 = filebase64sha256(local.lambda_zip_path)

  # Terraform has no file-size function. filebase64() is the zip as base64 text, and that
  # text is what Lambda's direct-upload limit is about: a CreateFunction/UpdateFunctionCode
  # request carrying more than 69,905,067 bytes (the base64 of 50 MiB) is refused. The size
  # is length * 3 / 4 (at most 2 bytes high, for the padding). 1 MiB is kept for the rest of
  # the request, so anything above 49 MiB goes through S3.
  lambda_zip_bytes                 = floor(length(filebase64(local.lambda_zip_path)) * 3 / 4)
  lambda_direct_upload_limit_bytes = 49 * 1024 * 1024
  lambda_upload_via_s3             = var.lambda_package_upload == "s3" || (var.lambda_package_upload == "auto" && local.lambda_zip_bytes > local.lambda_direct_upload_limit_bytes)
  create_package_bucket            = local.lambda_upload_via_s3 && var.lambda_package_bucket == null
  package_bucket                   = local.create_package_bucket ? aws_s3_bucket.package[0].id : var.lambda_package_bucket

  # Memory buys CPU (memory / 1769 MB of a vCPU) and is billed per GB-second. Each default is
  # bench/run's choice for the package and handler (bench/memory-table.json; README, Memory): the
  # cheapest size whose http first close comes within 1 s and warm p99 within 1.5x WeChat Pay's
  # answer time, or whose sqs batch of 10 takes at most a tenth of its timeout, with peak RSS
  # within 3/4 of the memory and the start within Lambda's 10 s init phase; where no size meets
  # that, the one whose first close comes soonest.
  default_memory_size = var.package_mode == "native" ? { http = 128, sqs = 128 } : { http = 1769, sqs = 256 } # native : aot

  # aot: the JVM flags live in the package's bootstrap (they must match the AOT cache's
  # training run), so nothing here. native: no JVM; the executable must leave the signals to
  # the runtime.
  package_environment = var.package_mode == "native" ? tomap({
    DISABLE_SIGNAL_HANDLERS = "true"
  }) : tomap({})

  # Triggers (API integration, SQS event source mapping) target this alias, so that what
  # serves traffic is a published version.
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
      memory_size            = coalesce(var.http_function_memory_size, local.default_memory_size.http)
      reserved_concurrency   = var.http_function_reserved_concurrency
      consumes_command_queue = false
      schedules_closes       = local.scheduled_close # only this role manages schedules (scheduler.tf)
    }
    sqs = {
      name                   = "${var.name}-sqs"
      description            = "Closes WeChat Pay secondary-merchant recharge orders from SQS commands (${var.package_mode})."
      alias_description      = "Published version that consumes the command queue."
      timeout                = var.sqs_function_timeout_seconds
      memory_size            = coalesce(var.sqs_function_memory_size, local.default_memory_size.sqs)
      reserved_concurrency   = var.sqs_function_reserved_concurrency
      consumes_command_queue = true # only this role gets the SQS consume actions
      schedules_closes       = false
    }
  }

  wechatpay_secret_arn = var.create_wechatpay_secret ? aws_secretsmanager_secret.wechatpay[0].arn : var.wechatpay_secret_arn

  # Plain settings only. Key material never goes into environment variables: the function
  # reads WECHATPAY_SECRET_ID from Secrets Manager at start and again as its keys age
  # (WECHATPAY_KEYS_MAX_AGE), or when WeChat Pay signs with a key it does not hold or refuses
  # its signature, so a rotation is one put-secret-value (README, Rotating the keys). The
  # serial and the public key id come from the secret itself; set here, they fill in for a
  # secret of the earlier shape.
  wechatpay_environment = merge({
    WECHATPAY_MCHID           = var.wechatpay_mchid
    WECHATPAY_BASE_URL        = var.wechatpay_base_url
    WECHATPAY_BACKUP_BASE_URL = var.wechatpay_backup_base_url
    WECHATPAY_TIMEOUT         = "${var.wechatpay_timeout_seconds}s"
    WECHATPAY_SECRET_ID       = local.wechatpay_secret_arn
    WECHATPAY_KEYS_MAX_AGE    = "${var.wechatpay_keys_max_age_seconds}s"
    },
    var.wechatpay_merchant_serial_no == null ? tomap({}) : tomap({ WECHATPAY_MERCHANT_SERIAL_NO = var.wechatpay_merchant_serial_no }),
    var.wechatpay_public_key_id == null ? tomap({}) : tomap({ WECHATPAY_PUBLIC_KEY_ID = var.wechatpay_public_key_id }),
  )

  # upstream deadline < http function timeout <= integration timeout < 30 s
  api_integration_timeout_milliseconds = coalesce(var.api_integration_timeout_milliseconds, min(29000, var.http_function_timeout_seconds * 1000 + 1000))

  # Only the sqs handler reads these: closes of one standard-queue batch in flight at once,
  # and the dead-letter queue it moves permanent failures to itself (a FIFO DLQ gets them
  # with their message group id; content-based deduplication spares a deduplication id).
  sqs_environment = {
    SQS_MAX_CONCURRENCY       = tostring(var.sqs_max_concurrent_closes)
    SQS_DEAD_LETTER_QUEUE_URL = aws_sqs_queue.rejected.url
    SQS_BACKOFF_FIRST         = "${var.sqs_backoff_first_seconds}s"
    SQS_BACKOFF_MAX           = "${var.sqs_backoff_max_seconds}s"
  }

  # The receives a queued close needs to outlast queue_outage_budget_seconds of WeChat Pay outage:
  # after receive n the function hands a failing message back for at least half of
  # min(max, first * 2^(n-1)) (its equal jitter). backoff_steps receives come before the cap,
  # then each adds at least max / 2; one more receive closes it once WeChat Pay is back.
  backoff_steps      = ceil(log(var.sqs_backoff_max_seconds / var.sqs_backoff_first_seconds, 2))
  backoff_before_cap = var.sqs_backoff_first_seconds / 2 * (pow(2, local.backoff_steps) - 1)
  outage_receives    = local.backoff_steps + ceil(max(0, var.queue_outage_budget_seconds - local.backoff_before_cap) / (var.sqs_backoff_max_seconds / 2)) + 1
  max_receive_count  = coalesce(var.max_receive_count, local.outage_receives)

  # Closes scheduled at a deadline (scheduler.tf). Only the http handler reads these; unset,
  # it answers a close_at (and a DELETE) with 501 SCHEDULED_CLOSE_DISABLED.
  scheduled_close = var.enable_scheduled_close

  schedule_environment = local.scheduled_close ? tomap({
    SCHEDULE_GROUP_NAME      = aws_scheduler_schedule_group.close[0].name
    SCHEDULE_QUEUE_ARN       = aws_sqs_queue.commands.arn
    SCHEDULE_ROLE_ARN        = aws_iam_role.scheduler[0].arn
    SCHEDULE_DEAD_LETTER_ARN = aws_sqs_queue.scheduler_dlq[0].arn
    SCHEDULE_MAX_AHEAD       = var.scheduled_close_max_ahead
  }) : tomap({})

  # Who may send to the command queue (its policy, sqs.tf): the named producers, and the
  # role EventBridge Scheduler delivers the scheduled closes as.
  command_queue_senders = concat(var.queue_producer_principal_arns, local.scheduled_close ? [aws_iam_role.scheduler[0].arn] : [])

  # Rounds of closes one sqs invocation needs in the worst case: a standard batch runs
  # SQS_MAX_CONCURRENCY at a time; a FIFO batch closes each message group in order, and all
  # of it may be one group. Each round may take a whole upstream deadline.
  sqs_close_rounds = var.fifo_queue ? var.sqs_batch_size : ceil(var.sqs_batch_size / var.sqs_max_concurrent_closes)

  queue_name_suffix = var.fifo_queue ? ".fifo" : ""

  # AWS guidance: at least 6 x the function timeout (plus the batching window).
  queue_visibility_timeout_seconds = coalesce(var.queue_visibility_timeout_seconds, 6 * var.sqs_function_timeout_seconds + var.sqs_maximum_batching_window_seconds)

  # The routes of the http function, by method, on one integration with the same authorization,
  # throttling and Lambda permission: POST closes now (or schedules the close with close_at),
  # DELETE cancels a scheduled close. DELETE stays with enable_scheduled_close = false: the
  # function then answers it (and a close_at) with 501 SCHEDULED_CLOSE_DISABLED, and the API's
  # shape, the callers' policy and their JWT scopes do not depend on the switch.
  close_routes = {
    POST = {
      route_key               = "POST /recharges/{out_recharge_no}/close"
      permission_statement_id = "AllowHttpApiInvokeClose"
    }
    DELETE = {
      route_key               = "DELETE /recharges/{out_recharge_no}/close"
      permission_statement_id = "AllowHttpApiInvokeCancelClose"
    }
  }

  use_jwt = var.api_authorization_type == "JWT"

  alarm_topic_arn = var.create_alarm_sns_topic ? aws_sns_topic.alarms[0].arn : var.alarm_sns_topic_arn
  alarm_actions   = local.alarm_topic_arn == null ? [] : [local.alarm_topic_arn]
}
