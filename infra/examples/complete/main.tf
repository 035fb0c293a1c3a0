provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Service   = var.name
      ManagedBy = "terraform"
    }
  }
}

module "recharge_close" {
  source = "../../"

  name         = var.name
  package_mode = var.package_mode
  architecture = var.architecture
  # The build's output at the repository root (the native build's, or the aot build's):
  # path.root is this folder, wherever terraform runs. Packages over 49 MiB go through a
  # bucket the module creates (or lambda_package_bucket = "<yours>").
  lambda_zip_path = "${path.root}/../../../target/function.zip"

  wechatpay_mchid              = var.wechatpay_mchid
  wechatpay_merchant_serial_no = var.wechatpay_merchant_serial_no
  wechatpay_public_key_id      = var.wechatpay_public_key_id
  wechatpay_timeout_seconds    = 10

  # Keys: one Secrets Manager secret. Either yours, already holding its value
  # (wechatpay_secret_arn), or created here WITH its value from the PEM variables, in the
  # same apply and before the functions are published.
  create_wechatpay_secret   = var.wechatpay_secret_arn == null
  wechatpay_secret_arn      = var.wechatpay_secret_arn
  wechatpay_private_key_pem = var.wechatpay_private_key_pem
  wechatpay_public_key_pem  = var.wechatpay_public_key_pem

  # No reserved concurrency: a new account's quota (10 or 50) cannot fund it. Set
  # http_function_reserved_concurrency / sqs_function_reserved_concurrency once it can.
  # Memory: the package mode's default (native 512 MB; the JVM packages 1769 MB, a full vCPU).
  http_function_timeout_seconds = 15

  sqs_function_timeout_seconds = 60

  api_authorization_type   = var.api_authorization_type
  jwt_issuer               = var.jwt_issuer
  jwt_audience             = var.jwt_audience
  jwt_authorization_scopes = var.jwt_authorization_scopes

  # Closes scheduled at a recharge's deadline (POST .../close with close_at; DELETE cancels
  # it): EventBridge Scheduler sends the command to the queue at the deadline, as a role of
  # its own that the queue policy lets in beside the producers below.
  enable_scheduled_close    = true
  scheduled_close_max_ahead = "P30D"

  # Every close's outcome on the bus "<name>-outcomes", archived 400 days (the rule below routes some).
  enable_outcome_events                 = true
  outcome_events_archive_retention_days = 400

  # Only these principals may send close commands (the queue policy denies everyone else).
  queue_producer_principal_arns = var.queue_producer_principal_arns

  max_receive_count                   = null # the fewest that outlast queue_outage_budget_seconds (below)
  queue_outage_budget_seconds         = 86400
  sqs_batch_size                      = 5
  sqs_maximum_batching_window_seconds = 0
  sqs_maximum_concurrency             = 5

  log_retention_in_days  = 90
  create_alarm_sns_topic = true
  alarm_email_addresses  = var.alarm_email_addresses

  tags = {
    CostCenter = "payments"
  }
}

# An example consumer of the outcome events: recharges paid before their close (the payment won
# the race) go to a queue the ledger reads. Rules are the platform's: add yours on the same bus.
resource "aws_cloudwatch_event_rule" "paid_recharges" {
  name           = "${var.name}-paid-recharges"
  description    = "Recharges that were paid before their close: the ledger must book them."
  event_bus_name = module.recharge_close.outcome_event_bus_name
  event_pattern = jsonencode({
    source        = ["recharge-close"]
    "detail-type" = ["Recharge close outcome"]
    detail        = { outcome = ["RECHARGE_ALREADY_PAID"] }
  })
}

resource "aws_sqs_queue" "paid_recharges" {
  name                      = "${var.name}-paid-recharges"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue_policy" "paid_recharges" {
  queue_url = aws_sqs_queue.paid_recharges.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "FromThePaidRechargesRule"
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.paid_recharges.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.paid_recharges.arn } }
    }]
  })
}

resource "aws_cloudwatch_event_target" "paid_recharges" {
  rule           = aws_cloudwatch_event_rule.paid_recharges.name
  event_bus_name = module.recharge_close.outcome_event_bus_name
  target_id      = "ledger"
  arn            = aws_sqs_queue.paid_recharges.arn
}
