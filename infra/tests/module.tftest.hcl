# terraform test (Terraform >= 1.7), the module with its defaults (package_mode = "native").
# Plan-only against a mocked AWS provider:
#   cd infra && terraform init && terraform test
# Not run in CI here (no Terraform binary); the offline Node suite covers the same invariants.

mock_provider "aws" {
  source = "./tests/mocks" # shared mock_data: tests/mocks/aws.tfmock.hcl
}

variables {
  lambda_zip_path              = "tests/fixtures/function.zip"
  wechatpay_mchid              = "1900000109"
  wechatpay_merchant_serial_no = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
  wechatpay_public_key_id      = "PUB_KEY_ID_0114232134912410000000000000"
  # The created secret gets its value in the same apply (test stand-ins, not keys).
  wechatpay_private_key_pem = "-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----\n"
  wechatpay_public_key_pem  = "-----BEGIN PUBLIC KEY-----\ntest\n-----END PUBLIC KEY-----\n"
}

run "api_and_queue" {
  command = plan

  assert {
    condition     = aws_apigatewayv2_api.this.protocol_type == "HTTP"
    error_message = "An HTTP API is expected."
  }

  assert {
    condition     = aws_apigatewayv2_route.close["POST"].route_key == "POST /recharges/{out_recharge_no}/close"
    error_message = "Unexpected route key."
  }

  assert {
    condition     = aws_apigatewayv2_route.close["POST"].authorization_type == "AWS_IAM"
    error_message = "The route must default to AWS_IAM authorization."
  }

  assert {
    condition     = aws_apigatewayv2_integration.close.payload_format_version == "2.0"
    error_message = "Payload format 2.0 is required."
  }

  assert {
    condition     = aws_apigatewayv2_integration.close.timeout_milliseconds < 30000 && aws_apigatewayv2_integration.close.timeout_milliseconds > 10000
    error_message = "The integration timeout must sit between the upstream deadline and 30 s."
  }

  assert {
    condition     = aws_sqs_queue.commands.visibility_timeout_seconds >= 6 * aws_lambda_function.this["sqs"].timeout
    error_message = "Visibility timeout must be at least 6x the function timeout."
  }

  assert {
    condition     = aws_sqs_queue.commands.sqs_managed_sse_enabled && aws_sqs_queue.dlq.sqs_managed_sse_enabled
    error_message = "Both queues must be encrypted."
  }

  assert {
    condition     = contains(aws_lambda_event_source_mapping.commands.function_response_types, "ReportBatchItemFailures")
    error_message = "Partial batch failures must be reported."
  }

  assert {
    condition     = aws_lambda_event_source_mapping.commands.batch_size == 5 && aws_lambda_event_source_mapping.commands.scaling_config[0].maximum_concurrency == 5
    error_message = "Event source mapping settings must follow the variables."
  }

  assert {
    condition     = aws_cloudwatch_log_group.function["http"].retention_in_days == 30 && aws_cloudwatch_log_group.function["sqs"].retention_in_days == 30 && aws_cloudwatch_log_group.api_access.retention_in_days == 30
    error_message = "Every log group needs a retention."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.function_errors) == 2 && length(aws_cloudwatch_metric_alarm.function_throttles) == 2
    error_message = "Errors and throttles alarms are expected for both functions."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.dlq_not_empty.metric_name == "ApproximateNumberOfMessagesVisible" && aws_cloudwatch_metric_alarm.dlq_not_empty.threshold == 0
    error_message = "The DLQ alarm must fire on the first message."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["QUARKUS_LAMBDA_HANDLER"] == "http" && aws_lambda_function.this["sqs"].environment[0].variables["QUARKUS_LAMBDA_HANDLER"] == "sqs"
    error_message = "Each function must select its handler."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["WECHATPAY_TIMEOUT"] == "10s"
    error_message = "WECHATPAY_TIMEOUT must be derived from wechatpay_timeout_seconds."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "WECHATPAY_PRIVATE_KEY") && !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "WECHATPAY_PRIVATE_KEY")
    error_message = "Keys must never be passed as environment variables."
  }

  assert {
    condition     = aws_iam_role.this["http"].name == "wechatpay-recharge-close-http-role" && aws_iam_role.this["sqs"].name == "wechatpay-recharge-close-sqs-role"
    error_message = "Each function needs its own role, named after it."
  }

  assert {
    condition     = aws_lambda_alias.this["http"].name == "live" && aws_lambda_alias.this["sqs"].name == "live"
    error_message = "Both functions are served through the live alias."
  }

  assert {
    condition     = aws_lambda_permission.api["POST"].qualifier == "live"
    error_message = "The API permission must be scoped to the alias."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.wechatpay) == 1 && length(aws_secretsmanager_secret_version.wechatpay) == 1
    error_message = "By default the secret is created with its value, in the same apply."
  }

  assert {
    condition     = coalesce(aws_lambda_function.this["http"].reserved_concurrent_executions, -1) == -1 && coalesce(aws_lambda_function.this["sqs"].reserved_concurrent_executions, -1) == -1
    error_message = "No reserved concurrency unless set: new accounts cannot fund it."
  }
}

run "jwt_authorization" {
  command = plan

  variables {
    api_authorization_type   = "JWT"
    jwt_issuer               = "https://issuer.example.com/"
    jwt_audience             = ["payments-api"]
    jwt_authorization_scopes = ["recharges/close"]
  }

  assert {
    condition     = aws_apigatewayv2_route.close["POST"].authorization_type == "JWT" && length(aws_apigatewayv2_authorizer.jwt) == 1
    error_message = "JWT mode must create and use a JWT authorizer."
  }

  assert {
    condition     = aws_apigatewayv2_route.close["DELETE"].authorization_scopes == toset(["recharges/close"])
    error_message = "The route must require the configured scopes."
  }
}

run "existing_secret_and_topic" {
  command = plan

  variables {
    create_wechatpay_secret   = false
    wechatpay_secret_arn      = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments/wechatpay-AbC123"
    wechatpay_private_key_pem = null
    wechatpay_public_key_pem  = null
    create_alarm_sns_topic    = true
  }

  assert {
    condition     = length(aws_secretsmanager_secret.wechatpay) == 0 && length(aws_secretsmanager_secret_version.wechatpay) == 0
    error_message = "No secret (nor value) is created when an ARN is given."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["WECHATPAY_SECRET_ID"] == "arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments/wechatpay-AbC123"
    error_message = "WECHATPAY_SECRET_ID must be the given secret ARN."
  }

  assert {
    condition     = length(aws_sns_topic.alarms) == 1
    error_message = "The alarm topic must be created on request."
  }
}

run "sqs_function_settings" {
  command = plan

  variables {
    sqs_max_concurrent_closes = 4
  }

  assert {
    condition     = aws_lambda_function.this["sqs"].environment[0].variables["SQS_MAX_CONCURRENCY"] == "4"
    error_message = "Terraform sets the sqs handler's SQS_MAX_CONCURRENCY."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "SQS_DEAD_LETTER_QUEUE_URL") && !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "SQS_MAX_CONCURRENCY")
    error_message = "Only the sqs handler gets the queue settings."
  }
}

run "fifo_queues" {
  command = plan

  variables {
    fifo_queue = true
  }

  assert {
    condition     = aws_sqs_queue.commands.fifo_queue && aws_sqs_queue.dlq.fifo_queue && aws_sqs_queue.commands.content_based_deduplication && aws_sqs_queue.dlq.content_based_deduplication
    error_message = "fifo_queue makes both queues FIFO with content-based deduplication."
  }

  assert {
    condition     = endswith(aws_sqs_queue.commands.name, ".fifo") && endswith(aws_sqs_queue.dlq.name, ".fifo")
    error_message = "FIFO queue names end in .fifo (the function recognises FIFO batches by the ARN)."
  }
}

run "on_call_alarms_and_dashboard" {
  command = plan

  variables {
    create_alarm_sns_topic                     = true
    queue_oldest_message_age_alarm_seconds     = 900
    function_duration_alarm_percent_of_timeout = 50
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.queue_oldest_message_age.metric_name == "ApproximateAgeOfOldestMessage" && aws_cloudwatch_metric_alarm.queue_oldest_message_age.threshold == 900
    error_message = "The queue path needs an alarm on the oldest message's age (the sqs handler never throws)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.verification_failures["http-close"].dimensions["Operation"] == "close" && aws_cloudwatch_metric_alarm.verification_failures["sqs-query"].dimensions["FunctionName"] == "wechatpay-recharge-close-sqs" && aws_cloudwatch_metric_alarm.verification_failures["sqs-query"].namespace == "RechargeClose"
    error_message = "VerificationFailures needs an alarm per function and operation, on that function's own metric."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.rejected_signature["sqs"].dimensions["Outcome"] == "UPSTREAM_REJECTED_SIGNATURE" && aws_cloudwatch_metric_alarm.rejected_signature["http"].dimensions["Handler"] == "http" && aws_cloudwatch_metric_alarm.rejected_signature["http"].dimensions["FunctionName"] == "wechatpay-recharge-close-http"
    error_message = "Rejected signatures need an alarm per handler, on its function's own metric."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.batch_item_failures.metric_name == "BatchItemFailures" && aws_cloudwatch_metric_alarm.batch_item_failures.dimensions["Handler"] == "sqs" && aws_cloudwatch_metric_alarm.batch_item_failures.dimensions["FunctionName"] == "wechatpay-recharge-close-sqs"
    error_message = "The sqs handler's batch item failures need an alarm."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.function_duration["http"].threshold == 7500 && aws_cloudwatch_metric_alarm.function_duration["sqs"].threshold == 30000
    error_message = "The duration alarms fire at the given share of each function's own timeout."
  }

  assert {
    condition     = aws_cloudwatch_log_metric_filter.api_429.pattern == "{ $.status = \"429\" }" && aws_cloudwatch_metric_alarm.api_4xx_rate.threshold == 10 && aws_cloudwatch_metric_alarm.api_429_rate.threshold == 1
    error_message = "API 4xx and 429 rates need alarms (429 counted from the access log)."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.api_429_rate.threshold == 1 && aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].dimensions["ApiId"] == "$.apiId"
    error_message = "The 429 metric is counted per API, from the access log's apiId field."
  }
}

# A second deployment in the same account (staging beside production): everything it names,
# and every metric its alarms select, follows var.name.
run "second_deployment" {
  command = plan

  variables {
    name = "recharge-close-staging"
  }

  assert {
    condition     = aws_lambda_function.this["http"].function_name == "recharge-close-staging-http" && aws_lambda_function.this["sqs"].function_name == "recharge-close-staging-sqs" && aws_sqs_queue.commands.name == "recharge-close-staging-commands"
    error_message = "Functions and queues are named after the deployment."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.rejected_signature["http"].dimensions["FunctionName"] == "recharge-close-staging-http" && aws_cloudwatch_metric_alarm.batch_item_failures.dimensions["FunctionName"] == "recharge-close-staging-sqs" && aws_cloudwatch_metric_alarm.verification_failures["http-query"].dimensions["FunctionName"] == "recharge-close-staging-http"
    error_message = "The alarms on the function's own metrics select this deployment's functions: another deployment's failures must not page here."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.function_errors["sqs"].dimensions["FunctionName"] == "recharge-close-staging-sqs" && aws_cloudwatch_metric_alarm.dlq_not_empty.dimensions["QueueName"] == "recharge-close-staging-commands-dlq"
    error_message = "The AWS/Lambda and AWS/SQS alarms watch this deployment's function and queue."
  }

  assert {
    condition     = aws_cloudwatch_dashboard.this.dashboard_name == "recharge-close-staging"
    error_message = "Each deployment has its own dashboard."
  }

  assert {
    condition     = aws_secretsmanager_secret.wechatpay[0].name_prefix == "recharge-close-staging/wechatpay-"
    error_message = "The created secret's name is the deployment's and gets a generated suffix: after a destroy, the deleted secret keeps its name for the recovery window."
  }
}

run "customer_key_and_keys_from_the_secret" {
  command = plan

  variables {
    create_wechatpay_secret        = false
    wechatpay_secret_arn           = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments/wechatpay-AbC123"
    wechatpay_private_key_pem      = null
    wechatpay_public_key_pem       = null
    wechatpay_merchant_serial_no   = null
    wechatpay_public_key_id        = null
    wechatpay_keys_max_age_seconds = 300
    kms_key_arn                    = "arn:aws:kms:ap-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }

  assert {
    condition     = aws_lambda_function.this["http"].kms_key_arn == "arn:aws:kms:ap-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" && aws_lambda_function.this["sqs"].kms_key_arn == "arn:aws:kms:ap-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "kms_key_arn must encrypt both functions' environment."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["WECHATPAY_KEYS_MAX_AGE"] == "300s" && aws_lambda_function.this["sqs"].environment[0].variables["WECHATPAY_KEYS_MAX_AGE"] == "300s"
    error_message = "Both functions read the secret again once their keys are older than wechatpay_keys_max_age_seconds: a rotation needs no apply."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "WECHATPAY_MERCHANT_SERIAL_NO") && !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "WECHATPAY_PUBLIC_KEY_ID")
    error_message = "With today's secret, the serial and the public key id come from the secret, never from the environment: a renewal must not need an apply."
  }
}
