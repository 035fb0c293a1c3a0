// Every invariant demonstrably fails on a broken copy: each case edits the real sources
// (a targeted text replacement, which must match exactly once), re-parses them and
// expects the named check to report a violation matching `expect`.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { analyze, runCheck } from "./lib/checks.mjs";
import { loadSources } from "./lib/hcl.mjs";

const MUTATIONS = [
  // syntax
  { check: "syntax", file: "sqs.tf", from: "redrive_policy = jsonencode({", to: "redrive_policy = jsonencode({{", expect: /sqs\.tf/ },
  { check: "syntax", file: "examples/complete/main.tf", from: 'source = "../../"', to: 'source = "../../', expect: /examples\/complete\/main\.tf/ },
  { check: "syntax", file: "tests/module.tftest.hcl", from: 'run "api_and_queue" {', to: 'run "api_and_queue" {{', expect: /module\.tftest\.hcl/ },
  // reference integrity
  { check: "references", file: "main.tf", from: "memory_size            = coalesce(var.http_function_memory_size, local.default_memory_size)", to: "memory_size            = coalesce(var.http_memory, local.default_memory_size)", expect: /undeclared variable var\.http_memory/ },
  { check: "references", file: "lambda.tf", from: "source_code_hash  = local.lambda_zip_sha256", to: "source_code_hash  = local.lambda_zip_hash", expect: /undeclared local value local\.lambda_zip_hash/ },
  { check: "references", file: "iam.tf", from: "\"sqs:ChangeMessageVisibility\",\n      ]\n      resources = [aws_sqs_queue.commands.arn]", to: "\"sqs:ChangeMessageVisibility\",\n      ]\n      resources = [aws_sqs_queue.command.arn]", expect: /undeclared resource aws_sqs_queue\.command/ },
  { check: "references", file: "iam.tf", from: "policy = data.aws_iam_policy_document.function[each.key].json", to: "policy = data.aws_iam_policy_document.queue[each.key].json", expect: /undeclared data source data\.aws_iam_policy_document\.queue/ },
  { check: "references", file: "examples/complete/outputs.tf", from: "module.recharge_close.queue_url", to: "module.recharge.queue_url", expect: /undeclared module module\.recharge/ },
  { check: "references", file: "examples/complete/outputs.tf", from: "module.recharge_close.dlq_url", to: "module.recharge_close.dead_letter_url", expect: /not an output/ },
  { check: "references", file: "examples/complete/main.tf", from: "  max_receive_count                   = 5\n", to: "  max_receive_count                   = 5\n  max_receives = 5\n", expect: /undeclared variable max_receives/ },
  { check: "references", file: "examples/complete/main.tf", from: "  wechatpay_mchid              = var.wechatpay_mchid\n", to: "", expect: /required variable wechatpay_mchid/ },
  { check: "references", file: "variables.tf", from: "condition     = var.http_function_timeout_seconds >= 2 &&", to: "condition     = var.http_function_timeout_seconds > var.wechatpay_timeout_seconds &&", expect: /refers to var\.wechatpay_timeout_seconds/ },
  { check: "references", file: "outputs.tf", from: "aws_lambda_function.this[\"sqs\"].arn", to: "aws_lambda_function.this[\"queue\"].arn", expect: /output "sqs_function_arn" uses undeclared instance aws_lambda_function\.this\["queue"\]/ },
  // documentation
  { check: "documentation", file: "variables.tf", from: '  description = "Receives after which a failing message moves to the dead-letter queue (redrive maxReceiveCount)."\n', to: "", expect: /variable "max_receive_count".*no description/ },
  { check: "documentation", file: "variables.tf", from: 'variable "sqs_max_concurrent_closes" {\n  description = "Closes of one standard-queue batch in flight at once, SQS_MAX_CONCURRENCY of the sqs function (FIFO batches close each message group in order)."\n  type        = number\n', to: 'variable "sqs_max_concurrent_closes" {\n  description = "Closes of one standard-queue batch in flight at once, SQS_MAX_CONCURRENCY of the sqs function (FIFO batches close each message group in order)."\n', expect: /variable "sqs_max_concurrent_closes".*no type/ },
  { check: "documentation", file: "outputs.tf", from: '  description = "URL of the dead-letter queue."\n', to: "", expect: /output "dlq_url".*no description/ },
  { check: "documentation", file: "examples/complete/variables.tf", from: '  description = "AWS region to deploy into, e.g. ap-southeast-1. No default: opt-in regions such as ap-east-1 (Hong Kong) work only once enabled for the account."\n', to: "", expect: /variable "region".*no description/ },
  { check: "documentation", file: "versions.tf", from: 'version = ">= 6.20"', to: 'version = ">= 5.0"', expect: /hashicorp\/aws >= 6/ },
  { check: "deadVariables", file: "variables.tf", from: 'variable "tags" {', to: 'variable "unused_knob" {\n  description = "x"\n  type        = string\n  default     = null\n}\n\nvariable "tags" {', expect: /variable "unused_knob" of \. is declared but never read/ },
  { check: "deadVariables", file: "examples/complete/main.tf", from: "  architecture = var.architecture\n", to: "", expect: /variable "architecture" of examples\/complete is declared but never read/ },
  { check: "outputs", file: "outputs.tf", from: 'output "queue_url" {', to: 'output "queue_endpoint" {', expect: /lacks output "queue_url"/ },
  // package modes
  { check: "packageModes", file: "main.tf", from: 'DISABLE_SIGNAL_HANDLERS = "true"', to: 'DISABLE_SIGNAL_HANDLERS = "false"', expect: /\(native, .*DISABLE_SIGNAL_HANDLERS must be true/ },
  { check: "packageModes", file: "main.tf", from: 'package_environment = var.package_mode == "native" ? tomap({', to: 'package_environment = var.package_mode != "jvm" ? tomap({', expect: /\(aot, x86_64\) DISABLE_SIGNAL_HANDLERS must be unset/ },
  { check: "packageModes", file: "lambda.tf", from: "{ QUARKUS_LAMBDA_HANDLER = each.key }", to: "{ QUARKUS_LAMBDA_HANDLER = \"http\" }", expect: /QUARKUS_LAMBDA_HANDLER=sqs/ },
  { check: "packageModes", file: "lambda.tf", from: "architectures     = [var.architecture]", to: "architectures     = [\"x86_64\"]", expect: /architectures must follow var\.architecture/ },
  { check: "packageModes", file: "lambda.tf", from: "publish                        = true", to: "publish                        = each.key != \"http\"", expect: /aws_lambda_function\.this\["http"\] \(aot.*publish versions/ },
  { check: "packageModes", file: "lambda.tf", from: "filename          = local.lambda_upload_via_s3 ? null : local.lambda_zip_path", to: "filename          = local.lambda_upload_via_s3 ? null : each.key == \"sqs\" ? \"${path.module}/../target/sqs.zip\" : local.lambda_zip_path", expect: /same zip \(native/ },
  { check: "packageModes", file: "lambda.tf", from: "source_code_hash  = local.lambda_zip_sha256", to: "source_code_hash  = null", expect: /need source_code_hash = filebase64sha256/ },
  { check: "packageModes", file: "variables.tf", from: 'contains(["native", "aot"], var.package_mode)', to: "length(var.package_mode) > 0", expect: /package_mode = "graalvm" is not rejected/ },
  { check: "packageModes", file: "variables.tf", from: 'contains(["native", "aot"], var.package_mode)', to: 'contains(["native"], var.package_mode)', expect: /package_mode = "aot" is rejected/ },
  // both packages bring their own runtime: provided.al2023, handler bootstrap, never SnapStart
  { check: "packageModes", file: "lambda.tf", from: 'runtime           = "provided.al2023"', to: 'runtime           = "java25"', expect: /\(native, x86_64\) runtime must be provided\.al2023/ },
  { check: "packageModes", file: "lambda.tf", from: 'handler           = "bootstrap"', to: 'handler           = var.package_mode == "aot" ? "run.sh" : "bootstrap"', expect: /\(aot, arm64\) handler must be bootstrap/ },
  { check: "packageModes", file: "lambda.tf", from: "  logging_config {", to: "  snap_start {\n    apply_on = \"PublishedVersions\"\n  }\n\n  logging_config {", expect: /\(native, x86_64\) must not enable SnapStart/ },
  // no JAVA_TOOL_OPTIONS: the aot package's JVM flags live in its bootstrap, trained with its cache
  { check: "packageModes", file: "main.tf", from: '    DISABLE_SIGNAL_HANDLERS = "true"\n  }) : tomap({})', to: '    DISABLE_SIGNAL_HANDLERS = "true"\n  }) : tomap({ JAVA_TOOL_OPTIONS = "-XX:TieredStopAtLevel=1" })', expect: /\(aot, x86_64\) JAVA_TOOL_OPTIONS must be unset/ },
  { check: "packageModes", file: "main.tf", from: "lambda_zip_path   = var.lambda_zip_path", to: 'lambda_zip_path   = "${path.module}/tests/fixtures/function.zip"', expect: /in native mode the functions must deploy the lambda_zip_path given/ },
  { check: "packageModes", file: "variables.tf", from: '  type        = string\n  default     = "native"\n', to: '  type        = string\n  default     = "aot"\n', expect: /package_mode must default to "native"/ },
  // each mode's default memory: the CPU share its start needs, and the user's choice wins
  { check: "packageModes", file: "main.tf", from: 'default_memory_size = var.package_mode == "native" ? 512 : 1769', to: "default_memory_size = 512", expect: /\(aot, x86_64\) memory_size must default to 1769 MB/ },
  { check: "packageModes", file: "main.tf", from: 'default_memory_size = var.package_mode == "native" ? 512 : 1769', to: 'default_memory_size = var.package_mode == "native" ? 1769 : 512', expect: /\(native, x86_64\) memory_size must default to 512 MB/ },
  { check: "packageModes", file: "main.tf", from: "memory_size            = coalesce(var.sqs_function_memory_size, local.default_memory_size)", to: "memory_size            = local.default_memory_size", expect: /must take sqs_function_memory_size = 2048/ },
  { check: "packageModes", file: "main.tf", from: "  lambda_zip_sha256 = filebase64sha256(local.lambda_zip_path)\n", to: "  lambda_zip_sha256 = filebase64sha256(local.lambda_zip_path)\n  jvm_options       = file(\"${path.module}/jvm-options.txt\")\n", expect: /local\.jvm_options still reads jvm-options\.txt/ },
  // package upload: directly below Lambda's limit, through a safe S3 bucket above it
  { check: "packageUpload", file: "main.tf", from: "lambda_direct_upload_limit_bytes = 49 * 1024 * 1024", to: "lambda_direct_upload_limit_bytes = 64 * 1024 * 1024", expect: /a 50 MiB package must go through exactly one aws_s3_object \(got 0\)/ },
  { check: "packageUpload", file: "main.tf", from: "lambda_direct_upload_limit_bytes = 49 * 1024 * 1024", to: "lambda_direct_upload_limit_bytes = 5 * 1024 * 1024", expect: /a 10 MiB package must be uploaded directly/ },
  { check: "packageUpload", file: "main.tf", from: 'var.lambda_package_upload == "s3" || (', to: '(', expect: /lambda_package_upload = "s3" must go through exactly one aws_s3_object/ },
  { check: "packageUpload", file: "lambda.tf", from: "condition     = var.lambda_package_upload != \"direct\" || local.lambda_zip_bytes <= local.lambda_direct_upload_limit_bytes", to: "condition     = true", expect: /"direct" with a 50 MiB package is not refused/ },
  { check: "packageUpload", file: "lambda.tf", from: "filename          = local.lambda_upload_via_s3 ? null : local.lambda_zip_path", to: "filename          = local.lambda_zip_path", expect: /must not also upload the file directly/ },
  { check: "packageUpload", file: "lambda.tf", from: "s3_object_version = local.lambda_upload_via_s3 ? aws_s3_object.package[0].version_id : null", to: "s3_object_version = null", expect: /http function .*s3_object_version must be aws_s3_object\.package\[0\]\.version_id/ },
  { check: "packageUpload", file: "lambda.tf", from: "s3_key            = local.lambda_upload_via_s3 ? aws_s3_object.package[0].key : null", to: "s3_key            = local.lambda_upload_via_s3 ? \"function.zip\" : null", expect: /s3_key must be aws_s3_object\.package\[0\]\.key/ },
  { check: "packageUpload", file: "lambda.tf", from: "source_code_hash  = local.lambda_zip_sha256", to: "source_code_hash  = local.lambda_upload_via_s3 ? null : local.lambda_zip_sha256", expect: /must keep source_code_hash/ },
  { check: "packageUpload", file: "package.tf", from: "  source_hash = local.lambda_zip_sha256\n", to: "", expect: /needs source_hash \(or etag\)/ },
  { check: "packageUpload", file: "main.tf", from: "package_bucket                   = local.create_package_bucket ? aws_s3_bucket.package[0].id : var.lambda_package_bucket", to: "package_bucket                   = local.create_package_bucket ? aws_s3_bucket.package[0].id : \"shared-artifacts\"", expect: /must go to lambda_package_bucket payments-artifacts/ },
  { check: "packageUpload", file: "main.tf", from: "create_package_bucket            = local.lambda_upload_via_s3 && var.lambda_package_bucket == null", to: "create_package_bucket            = local.lambda_upload_via_s3", expect: /a bucket is created although lambda_package_bucket names one/ },
  { check: "packageUpload", file: "package.tf", from: '    status = "Enabled"\n  }\n}', to: '    status = "Suspended"\n  }\n}', expect: /needs versioning Enabled/ },
  { check: "packageUpload", file: "package.tf", from: '      sse_algorithm = "AES256"', to: '      sse_algorithm = "none"', expect: /needs default server-side encryption/ },
  { check: "packageUpload", file: "package.tf", from: "  restrict_public_buckets = true", to: "  restrict_public_buckets = false", expect: /needs a public access block/ },
  { check: "packageUpload", file: "package.tf", from: '      values   = ["false"]', to: '      values   = ["true"]', expect: /bucket policy denying s3:\*/ },
  { check: "packageUpload", file: "package.tf", from: 'resources = [aws_s3_bucket.package[0].arn, "${aws_s3_bucket.package[0].arn}/*"]', to: "resources = [aws_s3_bucket.package[0].arn]", expect: /on the bucket and its objects/ },
  { check: "packageUpload", file: "package.tf", from: "      noncurrent_days           = 30\n", to: "", expect: /expiring noncurrent versions/ },
  // secrets
  { check: "secrets", file: "main.tf", from: "    WECHATPAY_SECRET_ID          = local.wechatpay_secret_arn\n", to: "    WECHATPAY_SECRET_ID          = local.wechatpay_secret_arn\n    WECHATPAY_PRIVATE_KEY        = var.wechatpay_private_key_pem\n", expect: /key material in env var WECHATPAY_PRIVATE_KEY/ },
  { check: "secrets", file: "main.tf", from: "WECHATPAY_SECRET_ID          = local.wechatpay_secret_arn", to: 'WECHATPAY_SECRET_ID          = "wechatpay"', expect: /WECHATPAY_SECRET_ID must be the secret's ARN/ },
  { check: "secrets", file: "main.tf", from: 'WECHATPAY_TIMEOUT            = "${var.wechatpay_timeout_seconds}s"', to: 'WECHATPAY_TIMEOUT            = "${var.wechatpay_timeout_seconds}"', expect: /WECHATPAY_TIMEOUT must be 10s/ },
  { check: "secrets", file: "secrets.tf", from: "count = var.create_wechatpay_secret ? 1 : 0\n\n  # A deleted secret", to: "count = 1\n\n  # A deleted secret", expect: /existing secret ARN was given but a secret is still created/ },
  { check: "secrets", file: "variables.tf", from: '"WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY", "WECHATPAY_SECRET_ID"', to: '"WECHATPAY_SECRET_ID"', expect: /smuggle WECHATPAY_PRIVATE_KEY/ },
  // IAM
  { check: "iam", file: "iam.tf", from: "resources = [\"${aws_cloudwatch_log_group.function[each.key].arn}:*\"]", to: "resources = [\"*\"]", expect: /on resource "\*"/ },
  { check: "iam", file: "iam.tf", from: '"sqs:ReceiveMessage",', to: '"sqs:*",', expect: /wildcard action "sqs:\*"/ },
  { check: "iam", file: "iam.tf", from: "actions   = [\"secretsmanager:GetSecretValue\"]\n    resources = [local.wechatpay_secret_arn]", to: "actions   = [\"secretsmanager:GetSecretValue\"]\n    resources = [\"arn:aws:secretsmanager:*:*:secret:*\"]", expect: /must be exactly the secret in WECHATPAY_SECRET_ID/ },
  { check: "iam", file: "iam.tf", from: "resources = [\"${aws_cloudwatch_log_group.function[each.key].arn}:*\"]", to: "resources = [\"${aws_cloudwatch_log_group.function[\"sqs\"].arn}:*\"]", expect: /aws_iam_role\.this\["http"\].*not only its own log group/ },
  { check: "iam", file: "lambda.tf", from: "role          = aws_iam_role.this[each.key].arn", to: "role          = aws_iam_role.this[\"http\"].arn", expect: /share aws_iam_role\.this\["http"\]/ },
  { check: "iam", file: "iam.tf", from: "for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]\n    content {\n      sid    = \"DecryptWithCustomerKey\"", to: "for_each = [\"arn:aws:kms:ap-east-1:123456789012:key/x\"]\n    content {\n      sid    = \"DecryptWithCustomerKey\"", expect: /KMS permissions although no customer key/ },
  { check: "iam", file: "iam.tf", from: "\"sqs:ChangeMessageVisibility\",\n      ]\n      resources = [aws_sqs_queue.commands.arn]", to: "\"sqs:ChangeMessageVisibility\",\n      ]\n      resources = [aws_sqs_queue.commands.arn, aws_sqs_queue.dlq.arn]", expect: /must be exactly the command queue/ },
  // least privilege per function: only the sqs role consumes the queue (local.functions flags)
  { check: "iam", file: "main.tf", from: "consumes_command_queue = false", to: "consumes_command_queue = true", expect: /aws_iam_role\.this\["http"\].*\(http function\) must not have SQS permissions/ },
  { check: "iam", file: "main.tf", from: "consumes_command_queue = true", to: "consumes_command_queue = false", expect: /aws_iam_role\.this\["sqs"\].*lacks sqs:ReceiveMessage on the command queue/ },
  { check: "iam", file: "package.tf", from: 'effect    = "Deny"', to: 'effect    = "Allow"', expect: /package_bucket\[0\] DenyInsecureTransport grants wildcard action "s3:\*"/ },
  { check: "iam", file: "iam.tf", from: "actions   = [\"xray:PutTraceSegments\", \"xray:PutTelemetryRecords\"]", to: "actions   = [\"xray:PutTraceSegments\", \"xray:PutTelemetryRecords\", \"s3:GetObject\"]", expect: /s3:GetObject.*on resource "\*"/ },
  // API
  { check: "api", file: "api.tf", from: 'payload_format_version = "2.0"', to: 'payload_format_version = "1.0"', expect: /payload_format_version "2\.0"/ },
  { check: "api", file: "api.tf", from: "authorization_type   = var.api_authorization_type", to: 'authorization_type   = "NONE"', expect: /authorization_type AWS_IAM/ },
  { check: "api", file: "api.tf", from: "authorization_type   = var.api_authorization_type\n", to: "", expect: /authorization_type AWS_IAM/ },
  { check: "api", file: "variables.tf", from: 'contains(["AWS_IAM", "JWT"], var.api_authorization_type)', to: 'contains(["AWS_IAM", "JWT", "NONE"], var.api_authorization_type)', expect: /"NONE" is accepted/ },
  { check: "api", file: "api.tf", from: "authorizer_id        = local.use_jwt ? aws_apigatewayv2_authorizer.jwt[0].id : null", to: "authorizer_id        = null", expect: /JWT authorizer/ },
  { check: "api", file: "api.tf", from: "condition     = !local.use_jwt || (var.jwt_issuer != null && length(var.jwt_audience) > 0)", to: "condition     = true", expect: /JWT without issuer/ },
  { check: "api", file: "api.tf", from: 'route_key = local.close_route_key', to: 'route_key = "POST /close"', expect: /no route "POST \/recharges\/\{out_recharge_no\}\/close"/ },
  { check: "api", file: "api.tf", from: "    throttling_burst_limit   = var.api_throttling_burst_limit\n    throttling_rate_limit    = var.api_throttling_rate_limit\n    detailed_metrics_enabled = var.api_detailed_metrics_enabled\n  }\n\n  tags", to: "    detailed_metrics_enabled = var.api_detailed_metrics_enabled\n  }\n\n  tags", expect: /no throttling for route/ },
  { check: "api", file: "api.tf", from: "destination_arn = aws_cloudwatch_log_group.api_access.arn", to: 'destination_arn = "arn:aws:firehose:ap-east-1:123456789012:deliverystream/x"', expect: /needs access logs/ },
  { check: "api", file: "api.tf", from: 'protocol_type = "HTTP"', to: 'protocol_type = "WEBSOCKET"', expect: /must be an HTTP API/ },
  // who may call: JWT scopes, the queues' policies
  { check: "callers", file: "api.tf", from: "condition     = !local.use_jwt || length(var.jwt_authorization_scopes) > 0", to: "condition     = true", expect: /JWT without jwt_authorization_scopes is accepted/ },
  { check: "callers", file: "api.tf", from: "authorization_scopes = local.use_jwt ? var.jwt_authorization_scopes : null", to: "authorization_scopes = null", expect: /route close must require jwt_authorization_scopes/ },
  { check: "callers", file: "sqs.tf", from: "  queue_url = aws_sqs_queue.commands.id\n  policy    = data.aws_iam_policy_document.commands_queue.json", to: "  queue_url = aws_sqs_queue.commands.id\n  policy    = data.aws_iam_policy_document.dlq.json", expect: /command queue policy \(producers .*must deny sqs:\* to everyone when aws:SecureTransport is false/ },
  { check: "callers", file: "sqs.tf", from: "      principals {\n        type        = \"AWS\"\n        identifiers = var.queue_producer_principal_arns\n      }", to: "      principals {\n        type        = \"AWS\"\n        identifiers = [\"*\"]\n      }", expect: /allows sqs:SendMessage to \["\*"\], not exactly the named producers/ },
  { check: "callers", file: "sqs.tf", from: "  # No producers named: nobody sends (an ArnNotEquals needs at least one value).\n  statement {\n    sid       = \"DenySendFromOthers\"\n    effect    = \"Deny\"", to: "  # No producers named: nobody sends (an ArnNotEquals needs at least one value).\n  statement {\n    sid       = \"DenySendFromOthers\"\n    effect    = \"Allow\"", expect: /must deny sqs:SendMessage to every principal not named/ },
  { check: "callers", file: "sqs.tf", from: "        values   = var.queue_producer_principal_arns", to: "        values   = [\"arn:aws:iam::123456789012:role/*\"]", expect: /must exempt exactly the named producers/ },
  { check: "callers", file: "sqs.tf", from: "    dynamic \"condition\" {\n      for_each = length(var.queue_producer_principal_arns) > 0 ? [1] : []", to: "    dynamic \"condition\" {\n      for_each = [1]", expect: /exempts .* although no producer is named/ },
  { check: "callers", file: "sqs.tf", from: "      identifiers = [aws_iam_role.this[\"sqs\"].arn]", to: "      identifiers = [aws_iam_role.this[\"http\"].arn]", expect: /dead-letter queue policy must allow sqs:SendMessage to the sqs role only/ },
  { check: "callers", file: "sqs.tf", from: "resources = [aws_sqs_queue.dlq.arn]\n\n    principals {\n      type        = \"*\"", to: "resources = [aws_sqs_queue.commands.arn]\n\n    principals {\n      type        = \"*\"", expect: /dead-letter queue policy must deny sqs:\*/ },
  { check: "iam", file: "sqs.tf", from: "    sid       = \"DenySendFromOthers\"\n    effect    = \"Deny\"\n    actions   = [\"sqs:SendMessage\"]", to: "    sid       = \"DenySendFromOthers\"\n    effect    = \"Allow\"\n    actions   = [\"sqs:*\"]", expect: /commands_queue DenySendFromOthers grants wildcard action "sqs:\*"/ },
  // aliases / SnapStart really used
  { check: "aliasTriggers", file: "api.tf", from: "integration_uri        = aws_lambda_alias.this[\"http\"].invoke_arn", to: "integration_uri        = aws_lambda_function.this[\"http\"].invoke_arn", expect: /http alias's invoke_arn/ },
  { check: "aliasTriggers", file: "api.tf", from: "integration_uri        = aws_lambda_alias.this[\"http\"].invoke_arn", to: "integration_uri        = aws_lambda_alias.this[\"sqs\"].invoke_arn", expect: /http alias's invoke_arn/ },
  { check: "aliasTriggers", file: "sqs.tf", from: "function_name = aws_lambda_alias.this[\"sqs\"].arn", to: "function_name = aws_lambda_function.this[\"sqs\"].arn", expect: /target the sqs alias ARN/ },
  { check: "aliasTriggers", file: "api.tf", from: "  qualifier     = aws_lambda_alias.this[\"http\"].name\n", to: "", expect: /must be qualified with the alias/ },
  { check: "aliasTriggers", file: "lambda.tf", from: "function_version = aws_lambda_function.this[each.key].version", to: "function_version = \"$LATEST\"", expect: /published version of aws_lambda_function\.this\["sqs"\]/ },
  { check: "aliasTriggers", file: "lambda.tf", from: "function_version = aws_lambda_function.this[each.key].version", to: "function_version = aws_lambda_function.this[\"http\"].version", expect: /aws_lambda_alias\.this\["sqs"\] must point at the published version of aws_lambda_function\.this\["sqs"\]/ },
  // event source mapping
  { check: "eventSourceMapping", file: "sqs.tf", from: "function_name = aws_lambda_alias.this[\"sqs\"].arn", to: "function_name = aws_lambda_alias.this[\"http\"].arn", expect: /must invoke the sqs function/ },
  { check: "eventSourceMapping", file: "sqs.tf", from: 'function_response_types            = ["ReportBatchItemFailures"]', to: "function_response_types            = []", expect: /ReportBatchItemFailures/ },
  { check: "eventSourceMapping", file: "sqs.tf", from: "batch_size                         = var.sqs_batch_size", to: "batch_size                         = 10", expect: /batch_size must follow var\.sqs_batch_size/ },
  { check: "eventSourceMapping", file: "sqs.tf", from: "maximum_batching_window_in_seconds = var.sqs_maximum_batching_window_seconds", to: "maximum_batching_window_in_seconds = 0", expect: /maximum_batching_window_in_seconds must follow/ },
  { check: "eventSourceMapping", file: "sqs.tf", from: "maximum_concurrency = var.sqs_maximum_concurrency", to: "maximum_concurrency = 2", expect: /maximum_concurrency must follow/ },
  // DLQ + redrive
  { check: "deadLetterQueue", file: "sqs.tf", from: "  redrive_policy = jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.dlq.arn\n    maxReceiveCount     = var.max_receive_count\n  })\n", to: "", expect: /needs a redrive_policy/ },
  { check: "deadLetterQueue", file: "sqs.tf", from: "maxReceiveCount     = var.max_receive_count", to: "maxReceiveCount     = 5", expect: /follow var\.max_receive_count/ },
  { check: "deadLetterQueue", file: "sqs.tf", from: "deadLetterTargetArn = aws_sqs_queue.dlq.arn", to: "deadLetterTargetArn = aws_sqs_queue.commands.arn", expect: /another aws_sqs_queue/ },
  // the sqs handler moves permanent failures to the DLQ itself
  { check: "deadLetterSend", file: "main.tf", from: "SQS_DEAD_LETTER_QUEUE_URL = aws_sqs_queue.dlq.url", to: "SQS_DEAD_LETTER_QUEUE_URL = aws_sqs_queue.commands.url", expect: /sqs function must get SQS_DEAD_LETTER_QUEUE_URL = aws_sqs_queue\.dlq\.url/ },
  { check: "deadLetterSend", file: "lambda.tf", from: "each.value.consumes_command_queue ? local.sqs_environment : tomap({})", to: "local.sqs_environment", expect: /http function gets SQS_DEAD_LETTER_QUEUE_URL/ },
  { check: "iam", file: "iam.tf", from: "      actions   = [\"sqs:SendMessage\"]\n      resources = [aws_sqs_queue.dlq.arn]", to: "      actions   = [\"sqs:SendMessage\"]\n      resources = [aws_sqs_queue.commands.arn]", expect: /aws_iam_role\.this\["sqs"\].*may send to .*commands\.arn.*only on the dead-letter queue/ },
  { check: "iam", file: "iam.tf", from: "    for_each = each.value.consumes_command_queue ? [1] : []\n    content {\n      sid       = \"SendPermanentFailuresToDeadLetterQueue\"", to: "    for_each = []\n    content {\n      sid       = \"SendPermanentFailuresToDeadLetterQueue\"", expect: /cannot send permanent failures to the dead-letter queue/ },
  { check: "iam", file: "iam.tf", from: 'each.value.consumes_command_queue ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"]', to: '["kms:Decrypt"]', expect: /cannot send to the encrypted dead-letter queue/ },
  // FIFO: both queues, names, deduplication, no batching window
  { check: "fifo", file: "sqs.tf", from: "  name = \"${var.name}-commands${local.queue_name_suffix}\"", to: "  name = \"${var.name}-commands\"", expect: /command queue aws_sqs_queue\.commands \(fifo_queue = true\) name .* must end in \.fifo/ },
  { check: "fifo", file: "sqs.tf", from: "  name                              = \"${var.name}-commands-dlq${local.queue_name_suffix}\"\n  fifo_queue                        = var.fifo_queue", to: "  name                              = \"${var.name}-commands-dlq${local.queue_name_suffix}\"\n  fifo_queue                        = false", expect: /dead-letter queue aws_sqs_queue\.dlq \(fifo_queue = true\) must be FIFO/ },
  { check: "fifo", file: "main.tf", from: 'queue_name_suffix = var.fifo_queue ? ".fifo" : ""', to: 'queue_name_suffix = ".fifo"', expect: /\(fifo_queue = false\) name .* must not end in \.fifo/ },
  { check: "fifo", file: "sqs.tf", from: "  fifo_queue                        = var.fifo_queue\n  content_based_deduplication       = var.fifo_queue\n  visibility_timeout_seconds", to: "  fifo_queue                        = var.fifo_queue\n  visibility_timeout_seconds", expect: /command queue .* needs content_based_deduplication/ },
  { check: "fifo", file: "sqs.tf", from: "condition     = !var.fifo_queue || var.sqs_maximum_batching_window_seconds == 0", to: "condition     = true", expect: /with a batching window is accepted/ },
  // sizing: SQS_MAX_CONCURRENCY from Terraform, a batch one invocation can close
  { check: "sizing", file: "main.tf", from: "SQS_MAX_CONCURRENCY       = tostring(var.sqs_max_concurrent_closes)", to: "SQS_MAX_CONCURRENCY       = \"10\"", expect: /SQS_MAX_CONCURRENCY must follow var\.sqs_max_concurrent_closes/ },
  { check: "sizing", file: "sqs.tf", from: "condition     = local.sqs_close_rounds * var.wechatpay_timeout_seconds <= var.sqs_function_timeout_seconds - 1", to: "condition     = true", expect: /"sqs_batch_size":100.*not refused/ },
  { check: "sizing", file: "main.tf", from: "sqs_close_rounds = var.fifo_queue ? var.sqs_batch_size : ceil(", to: "sqs_close_rounds = var.fifo_queue ? 1 : ceil(", expect: /"fifo_queue":true,"sqs_batch_size":10\}.*not refused/ },
  { check: "sizing", file: "main.tf", from: "ceil(var.sqs_batch_size / var.sqs_max_concurrent_closes)", to: "var.sqs_batch_size", expect: /"sqs_batch_size":50.*fits in the timeout but is refused/ },
  { check: "sizing", file: "sqs.tf", from: " Messages the deadline leaves unattempted are reported failed, use up a receive and reach the dead-letter queue after max_receive_count without a real try:", to: "", expect: /must say why/ },
  // encryption
  { check: "queueEncryption", file: "sqs.tf", from: "  message_retention_seconds         = var.dlq_message_retention_seconds\n  sqs_managed_sse_enabled           = var.kms_key_arn == null ? true : null\n", to: "  message_retention_seconds         = var.dlq_message_retention_seconds\n  sqs_managed_sse_enabled           = false\n", expect: /aws_sqs_queue\.dlq is not encrypted/ },
  // visibility timeout >= 6 x function timeout
  { check: "visibilityTimeout", file: "main.tf", from: "coalesce(var.queue_visibility_timeout_seconds, 6 * var.sqs_function_timeout_seconds", to: "coalesce(var.queue_visibility_timeout_seconds, 5 * var.sqs_function_timeout_seconds", expect: /below 6 x the function timeout/ },
  { check: "visibilityTimeout", file: "sqs.tf", from: "condition     = local.queue_visibility_timeout_seconds >= 6 * var.sqs_function_timeout_seconds + var.sqs_maximum_batching_window_seconds", to: "condition     = local.queue_visibility_timeout_seconds >= var.sqs_function_timeout_seconds", expect: /no validation or precondition refuses it/ },
  { check: "visibilityTimeout", file: "sqs.tf", from: "visibility_timeout_seconds        = local.queue_visibility_timeout_seconds", to: "visibility_timeout_seconds        = 30", expect: /below 6 x the function timeout/ },
  { check: "visibilityTimeout", file: "main.tf", from: "timeout                = var.sqs_function_timeout_seconds", to: "timeout                = 900", expect: /below 6 x the function timeout/ },
  // timeouts
  { check: "timeouts", file: "main.tf", from: "min(29000, var.http_function_timeout_seconds * 1000 + 1000)", to: "30000", expect: /must be below 30000/ },
  { check: "timeouts", file: "main.tf", from: "min(29000, var.http_function_timeout_seconds * 1000 + 1000)", to: "8000", expect: /must exceed the upstream deadline/ },
  { check: "timeouts", file: "api.tf", from: "condition     = local.api_integration_timeout_milliseconds < 30000 && local.api_integration_timeout_milliseconds > var.wechatpay_timeout_seconds * 1000", to: "condition     = local.api_integration_timeout_milliseconds < 30000", expect: /api_integration_timeout_milliseconds":5000.*not refused/ },
  { check: "timeouts", file: "lambda.tf", from: "condition     = each.value.timeout > var.wechatpay_timeout_seconds", to: "condition     = each.value.timeout > 0", expect: /wechatpay_timeout_seconds":12.*not refused/ },
  {
    // The 30 s limit is enforced twice (variable validation and integration precondition): break both.
    check: "timeouts",
    edits: [
      { file: "variables.tf", from: "var.api_integration_timeout_milliseconds >= 1000 && var.api_integration_timeout_milliseconds < 30000", to: "var.api_integration_timeout_milliseconds >= 1000" },
      { file: "api.tf", from: "condition     = local.api_integration_timeout_milliseconds < 30000 && ", to: "condition     = " },
    ],
    expect: /api_integration_timeout_milliseconds":30000.*not refused/,
  },
  // logs
  { check: "logs", file: "api.tf", from: "  retention_in_days = var.log_retention_in_days\n", to: "", expect: /aws_cloudwatch_log_group\.api_access needs retention_in_days/ },
  { check: "logs", file: "lambda.tf", from: "name              = \"/aws/lambda/${each.value.name}\"", to: "name              = each.key == \"sqs\" ? \"/aws/lambda/${var.name}-worker\" : \"/aws/lambda/${each.value.name}\"", expect: /no log group \/aws\/lambda\/wechatpay-recharge-close-sqs/ },
  { check: "logs", file: "variables.tf", from: "contains([1, 3, 5, 7, 14, 30,", to: "contains([0, 1, 3, 5, 7, 14, 30,", expect: /never expire\) is accepted/ },
  // alarms
  { check: "alarms", file: "alarms.tf", from: 'metric_name         = "ApproximateNumberOfMessagesVisible"', to: 'metric_name         = "NumberOfMessagesSent"', expect: /dead-letter queue not empty/ },
  { check: "alarms", file: "alarms.tf", from: "QueueName = aws_sqs_queue.dlq.name", to: "QueueName = aws_sqs_queue.commands.name", expect: /dead-letter queue not empty/ },
  { check: "alarms", file: "alarms.tf", from: 'metric_name         = "Throttles"', to: 'metric_name         = "Invocations"', expect: /no Throttles alarm for the http function/ },
  { check: "alarms", file: "alarms.tf", from: "monitored_functions = { for key, fn in aws_lambda_function.this : key => fn.function_name }", to: "monitored_functions = { for key, fn in aws_lambda_function.this : key => fn.function_name if key != \"sqs\" }", expect: /no Errors alarm for the sqs function/ },
  // what an operator wires to: log groups, the mapping, every alarm
  { check: "outputs", file: "outputs.tf", from: 'output "event_source_mapping_uuid" {', to: 'output "mapping_uuid" {', expect: /lacks output "event_source_mapping_uuid"/ },
  { check: "outputs", file: "outputs.tf", from: "      aws_cloudwatch_metric_alarm.api_429_rate,\n", to: "", expect: /alarm_arns leaves out aws_cloudwatch_metric_alarm\.api_429_rate/ },
  // rate alarms need a minimum volume before they page
  { check: "onCall", file: "alarms.tf", from: 'expression  = "IF(requests >= ${var.api_rate_alarm_min_requests}, 100 * FILL(throttled, 0) / requests, 0)"', to: 'expression  = "IF(requests > 0, 100 * FILL(throttled, 0) / requests, 0)"', expect: /api_429_rate is a rate over the API's requests and must judge only periods with at least api_rate_alarm_min_requests/ },
  { check: "alarms", file: "alarms.tf", from: "for_each = local.is_aot ? local.functions : {}", to: "for_each = local.functions", expect: /native mode has AotCacheMisses alarms/ },
  { check: "alarms", file: "alarms.tf", from: "for_each = local.is_aot ? local.functions : {}", to: "for_each = {}", expect: /no AotCacheMisses alarm \(namespace RechargeClose, Handler = http\) in aot mode/ },
  { check: "alarms", file: "alarms.tf", from: "    Handler      = each.key\n  }\n", to: "    Handler      = \"http\"\n  }\n", expect: /no AotCacheMisses alarm \(namespace RechargeClose, Handler = sqs\)/ },
  { check: "alarms", file: "alarms.tf", from: 'namespace           = "RechargeClose"\n  metric_name         = "AotCacheMisses"', to: 'namespace           = "AWS/Lambda"\n  metric_name         = "AotCacheMisses"', expect: /no AotCacheMisses alarm/ },
  { check: "alarms", file: "alarms.tf", from: 'metric_name         = "AotCacheMisses"\n  statistic           = "Sum"', to: 'metric_name         = "AotCacheMisses"\n  statistic           = "Average"', expect: /aot_cache_misses\["http"\] must fire on Sum > 0/ },
  { check: "alarms", file: "alarms.tf", from: " The function's log line event=start of that cold start says why the cache was not used.", to: "", expect: /aot_cache_misses\["http"\] description must tell on-call what to do/ },
  { check: "alarms", file: "alarms.tf", from: 'metric_name = "5xx"', to: 'metric_name = "4xx"', expect: /no API 5xx alarm/ },
  { check: "alarms", file: "alarms.tf", from: "  alarm_actions = local.alarm_actions\n  ok_actions    = local.alarm_actions\n  tags          = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"function_errors\"", to: "  tags          = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"function_errors\"", expect: /dlq_not_empty does not notify/ },
  // on-call: the queue path, the function's own metrics, duration, API 4xx / 429, actionable text, the dashboard
  { check: "onCall", file: "alarms.tf", from: 'metric_name         = "ApproximateAgeOfOldestMessage"', to: 'metric_name         = "ApproximateNumberOfMessagesDelayed"', expect: /no alarm on the command queue's ApproximateAgeOfOldestMessage/ },
  { check: "onCall", file: "alarms.tf", from: "threshold           = var.queue_oldest_message_age_alarm_seconds", to: "threshold           = 600", expect: /must follow var\.queue_oldest_message_age_alarm_seconds/ },
  { check: "onCall", file: "alarms.tf", from: 'for op in ["close", "query"] : "${key}-${op}"', to: 'for op in ["close"] : "${key}-${op}"', expect: /no alarm on VerificationFailures > 0 for the sqs function's \(wechatpay-recharge-close-sqs\) Operation query/ },
  { check: "onCall", file: "alarms.tf", from: "    Operation    = each.value.operation\n  }", to: "    Operation    = each.value.operation\n    Handler      = each.value.function\n  }", expect: /watches VerificationFailures by \["FunctionName","Handler","Operation"\]; the function emits it by \["FunctionName","Operation"\]/ },
  { check: "onCall", file: "alarms.tf", from: 'Outcome      = "UPSTREAM_REJECTED_SIGNATURE"', to: 'Outcome      = "SIGN_ERROR"', expect: /no alarm on Closes with Outcome UPSTREAM_REJECTED_SIGNATURE > 0 for the http handler/ },
  { check: "onCall", file: "alarms.tf", from: 'metric_name         = "BatchItemFailures"', to: 'metric_name         = "FailedMessages"', expect: /RechargeClose\/"FailedMessages", which the function does not emit/ },
  { check: "onCall", file: "alarms.tf", from: "threshold           = var.sqs_batch_item_failures_alarm_threshold", to: "threshold           = 0", expect: /must follow var\.sqs_batch_item_failures_alarm_threshold/ },
  { check: "onCall", file: "alarms.tf", from: "threshold           = each.value.timeout * 1000 * var.function_duration_alarm_percent_of_timeout / 100", to: "threshold           = 0.8 * var.http_function_timeout_seconds * 1000", expect: /sqs function's Duration alarm must fire above 45000 ms/ },
  { check: "onCall", file: "alarms.tf", from: '      metric_name = "4xx"', to: '      metric_name = "Count"', expect: /no API 4xx rate alarm/ },
  { check: "onCall", file: "alarms.tf", from: 'pattern        = "{ $.status = \\"429\\" }"', to: 'pattern        = "{ $.status = \\"4*\\" }"', expect: /no log metric filter counting status 429/ },
  { check: "onCall", file: "alarms.tf", from: "      metric_name = aws_cloudwatch_log_metric_filter.api_429.metric_transformation[0].name", to: "      metric_name = \"Count\"", expect: /no alarm on the API 429 metric/ },
  { check: "onCall", file: "alarms.tf", from: 'alarm_description   = "The ${each.key} function reported errors (unhandled exceptions, timeouts, start-up failures). Look at its log group ${aws_cloudwatch_log_group.function[each.key].name}: a start-up failure names the configuration key at fault; a timeout shows as Task timed out (see the duration alarm)."', to: 'alarm_description   = "The ${each.key} function reported errors."', expect: /function_errors\["http"\] needs a description on-call can act on/ },
  { check: "onCall", file: "dashboard.tf", from: '        ["RechargeClose", "BatchItemFailures", "FunctionName", local.function_names["sqs"], "Handler", "sqs"],\n', to: "", expect: /dashboard aws_cloudwatch_dashboard\.this does not show BatchItemFailures/ },
  { check: "onCall", file: "dashboard.tf", from: '["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.commands.name],', to: "", expect: /does not show ApproximateAgeOfOldestMessage/ },
  { check: "onCall", file: "dashboard.tf", from: 'resource "aws_cloudwatch_dashboard" "this" {', to: 'resource "aws_cloudwatch_dashboard" "this" {\n  count          = 0', expect: /no aws_cloudwatch_dashboard/ },
  // keys: the functions' customer key, rotation reaching new versions, retiring the old ones
  { check: "keys", file: "lambda.tf", from: "  kms_key_arn = var.kms_key_arn\n", to: "", expect: /http function's kms_key_arn .* must be "arn:aws:kms/ },
  { check: "keys", file: "main.tf", from: 'keys_revision = var.create_wechatpay_secret ? "${var.wechatpay_keys_revision}/${aws_secretsmanager_secret_version.wechatpay[0].version_id}" : var.wechatpay_keys_revision', to: 'keys_revision = var.create_wechatpay_secret ? "${var.wechatpay_keys_revision}/${aws_secretsmanager_secret_version.wechatpay[0].version_id}" : "1"', expect: /does not follow var\.wechatpay_keys_revision/ },
  { check: "keys", file: "main.tf", from: '"${var.wechatpay_keys_revision}/${aws_secretsmanager_secret_version.wechatpay[0].version_id}"', to: "var.wechatpay_keys_revision", expect: /does not change with the created secret's version_id/ },
  { check: "keys", file: "README.md", from: "       if [ \"$v\" -lt \"$live\" ]; then aws lambda delete-function --function-name \"$fn\" --qualifier \"$v\"; fi\n", to: "", expect: /retire the old ones/ },
  // example + terraform test files
  { check: "example", file: "examples/complete/main.tf", from: "max_receive_count                   = 5", to: "max_receive_count                   = 0", expect: /example configuration \(aot, existing secret\) would be refused: var\.max_receive_count/ },
  { check: "example", file: "examples/complete/main.tf", from: "  wechatpay_private_key_pem = var.wechatpay_private_key_pem\n", to: "", expect: /\(aot, secret created with its value\) would be refused: aws_secretsmanager_secret_version/ },
  // one apply: the secret's value before any published version; defaults a new account takes
  {
    // Explicit (depends_on) or implicit (the keys revision carries the secret version's id): break both.
    check: "ordering",
    edits: [
      { file: "lambda.tf", from: "depends_on = [aws_iam_role_policy.this, aws_secretsmanager_secret_version.wechatpay]", to: "depends_on = [aws_iam_role_policy.this]" },
      { file: "main.tf", from: '"${var.wechatpay_keys_revision}/${aws_secretsmanager_secret_version.wechatpay[0].version_id}"', to: "var.wechatpay_keys_revision" },
    ],
    expect: /http function must depend on aws_secretsmanager_secret_version\.wechatpay/,
  },
  { check: "ordering", file: "lambda.tf", from: "depends_on = [aws_iam_role_policy.this, aws_secretsmanager_secret_version.wechatpay]", to: "depends_on = [aws_secretsmanager_secret_version.wechatpay]", expect: /sqs function must depend on aws_iam_role_policy\.this/ },
  { check: "secrets", file: "secrets.tf", from: "  count = var.create_wechatpay_secret ? 1 : 0\n\n  secret_id", to: "  count = 0\n\n  secret_id", expect: /must get its value in the same apply/ },
  { check: "secrets", file: "secrets.tf", from: "condition     = var.wechatpay_private_key_pem != null && var.wechatpay_public_key_pem != null", to: "condition     = true", expect: /created secret without wechatpay_private_key_pem/ },
  { check: "defaults", file: "variables.tf", from: "  type        = number\n  default     = null\n\n  validation {\n    condition     = var.http_function_reserved_concurrency", to: "  type        = number\n  default     = 20\n\n  validation {\n    condition     = var.http_function_reserved_concurrency", expect: /http function reserves 20 concurrent executions/ },
  { check: "defaults", file: "examples/complete/main.tf", from: "  sqs_function_timeout_seconds = 60\n", to: "  sqs_function_timeout_seconds = 60\n  sqs_function_reserved_concurrency = 10\n", expect: /example sets sqs_function_reserved_concurrency = 10/ },
  { check: "defaults", file: "examples/complete/variables.tf", from: "  type        = string\n}\n\nvariable \"name\"", to: "  type        = string\n  default     = \"ap-east-1\"\n}\n\nvariable \"name\"", expect: /region defaults to "ap-east-1", an opt-in region/ },
  { check: "terraformTests", file: "tests/native.tftest.hcl", from: 'mock_provider "aws" {', to: 'mock_provider "awscc" {', expect: /no mock_provider "aws"/ },
  { check: "terraformTests", file: "tests/module.tftest.hcl", from: "aws_apigatewayv2_route.close.authorization_type == \"AWS_IAM\"", to: "aws_apigatewayv2_route.closing.authorization_type == \"AWS_IAM\"", expect: /undeclared aws_apigatewayv2_route\.closing/ },
  { check: "terraformTests", file: "tests/validation.tftest.hcl", from: "queue_visibility_timeout_seconds = 300", to: "queue_visibility_seconds = 300", expect: /undeclared variable queue_visibility_seconds/ },
  { check: "terraformTests", file: "tests/module.tftest.hcl", from: "aws_iam_role.this[\"http\"].name == ", to: "aws_iam_role.this[\"api\"].name == ", expect: /undeclared instance aws_iam_role\.this\["api"\]/ },
  { check: "terraformTests", file: "tests/aot.tftest.hcl", from: "aws_cloudwatch_metric_alarm.aot_cache_misses[\"http\"].metric_name", to: "aws_cloudwatch_metric_alarm.aot_cache_misses[\"api\"].metric_name", expect: /undeclared instance aws_cloudwatch_metric_alarm\.aot_cache_misses\["api"\]/ },
  { check: "terraformTests", file: "tests/mocks/aws.tfmock.hcl", from: "mock_data \"aws_region\" {\n  defaults = {\n    name   = \"ap-east-1\"\n    region = \"ap-east-1\"\n  }\n}\n", to: "", expect: /native\.tftest\.hcl does not mock data "aws_region"/ },
  // README
  { check: "readme", file: "README.md", from: "| `wechatpay_public_key_id` | `string` | — |", to: "| public key id | `string` | — |", expect: /required variable wechatpay_public_key_id/ },
  { check: "readme", file: "variables.tf", from: 'variable "wechatpay_mchid" {\n  description = "Platform (service provider) merchant id, WECHATPAY_MCHID."\n  type        = string\n', to: 'variable "wechatpay_mchid" {\n  description = "Platform (service provider) merchant id, WECHATPAY_MCHID."\n  type        = string\n}\n\nvariable "wechatpay_sub_mchid" {\n  description = "x"\n  type        = string\n', expect: /required variable wechatpay_sub_mchid/ },
  { check: "readme", file: "README.md", from: "| `lambda_package_bucket` |", to: "| `package_bucket` |", expect: /optional variable lambda_package_bucket is not documented/ },
  { check: "readme", file: "README.md", from: "| `name` | `string` |", to: "| `name` | `string` |\n| `create_wechatpay_secret_version` | `bool` | `false` | gone |\n| `name` | `string` |", expect: /document create_wechatpay_secret_version, which the module does not declare/ },
  { check: "readme", file: "README.md", from: "The example also needs `region`", to: "The example also needs a region", expect: /does not name the example's required variable region/ },
  { check: "readme", file: "README.md", from: "   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64   # any JDK 25\n", to: "", expect: /JDK 25 as JAVA_HOME/ },
  { check: "readme", file: "README.md", from: "| `sqs_maximum_concurrency` |", to: "| `sqs_max_concurrency` |", expect: /optional variable sqs_maximum_concurrency is not documented/ },  // documentation, API scoping, test files: claims the table makes that had no broken copy
  { check: "documentation", file: "versions.tf", from: 'required_version = ">= 1.7"', to: 'required_version = ">= 1.5"', expect: /\. must declare required_version ">= 1\.7" \(got >= 1\.5\)/ },
  { check: "api", file: "api.tf", from: '  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/POST/recharges/*/close"\n', to: "", expect: /permission api must be scoped with source_arn to the API/ },
  { check: "terraformTests", file: "tests/native.tftest.hcl", from: 'run "native_functions" {\n  command = plan', to: 'run "native_functions" {\n  command = apply', expect: /native\.tftest\.hcl run "native_functions" must use command = plan/ },
  { check: "terraformTests", file: "tests/module.tftest.hcl", from: 'source = "./tests/mocks"', to: 'source = "./tests/mock"', expect: /module\.tftest\.hcl mock_provider "aws" source \.\/tests\/mock has no \*\.tfmock\.hcl/ },
  // the .tftest.hcl asserts can fail: they are evaluated, compare with expected values, and expected failures happen
  { check: "terraformTests", file: "tests/module.tftest.hcl", from: 'condition     = aws_iam_role.this["http"].name == "wechatpay-recharge-close-http-role" && aws_iam_role.this["sqs"].name == "wechatpay-recharge-close-sqs-role"', to: 'condition     = aws_iam_role.this["http"].name != aws_iam_role.this["sqs"].name', expect: /run "api_and_queue" asserts aws_iam_role\.this\["http"\]\.name != aws_iam_role\.this\["sqs"\]\.name, which compares the module with itself/ },
  { check: "terraformTests", file: "iam.tf", from: 'name                 = "${each.value.name}-role"', to: 'name                 = "${each.value.name}-exec"', expect: /run "api_and_queue" asserts aws_iam_role\.this\["http"\]\.name == "wechatpay-recharge-close-http-role".*which the configuration does not meet/ },
  { check: "terraformTests", file: "dashboard.tf", from: "dashboard_name = var.name", to: 'dashboard_name = "wechatpay-recharge-close"', expect: /run "second_deployment" asserts aws_cloudwatch_dashboard\.this\.dashboard_name == "recharge-close-staging", which the configuration does not meet/ },
  { check: "terraformTests", file: "tests/validation.tftest.hcl", from: '    package_mode = "graalvm"', to: '    package_mode = "aot"', expect: /run "unknown_package_mode" expects var\.package_mode to refuse the plan, but it does not/ },
  // two deployments in one account: every alarm and dashboard metric selects this deployment's own
  { check: "deployments", file: "alarms.tf", from: "    FunctionName = aws_lambda_function.this[each.key].function_name\n    Handler      = each.key\n    Outcome", to: "    FunctionName = \"wechatpay-recharge-close-${each.key}\"\n    Handler      = each.key\n    Outcome", expect: /rejected_signature\["http"\] \(name = "rc-staging"\) selects FunctionName "wechatpay-recharge-close-http", not one of this deployment's functions/ },
  { check: "onCall", file: "alarms.tf", from: "    FunctionName = aws_lambda_function.this[each.key].function_name\n    Handler      = each.key\n    Outcome", to: "    FunctionName = aws_lambda_function.this[\"sqs\"].function_name\n    Handler      = each.key\n    Outcome", expect: /no alarm on Closes with Outcome UPSTREAM_REJECTED_SIGNATURE > 0 for the http handler \(FunctionName wechatpay-recharge-close-http\)/ },
  { check: "deployments", file: "alarms.tf", from: 'FunctionName = aws_lambda_function.this["sqs"].function_name', to: 'FunctionName = aws_lambda_function.this["http"].function_name', expect: /batch_item_failures \(name = .*selects FunctionName "wechatpay-recharge-close-http" with Handler "sqs": the sqs handler runs in "wechatpay-recharge-close-sqs"/ },
  { check: "deployments", file: "alarms.tf", from: "    FunctionName = aws_lambda_function.this[each.value.function].function_name\n    Operation", to: "    Operation", expect: /verification_failures\["http-close"\] \(name = .*selects no FunctionName of its own: every deployment in the account writes VerificationFailures/ },
  { check: "deployments", file: "alarms.tf", from: "    FunctionName = aws_lambda_function.this[each.key].function_name\n    Handler      = each.key\n  }", to: "    FunctionName = aws_lambda_function.this[\"http\"].function_name\n    Handler      = each.key\n  }", expect: /aot_cache_misses\["sqs"\] \(name = "rc-staging", aot\) selects FunctionName "rc-staging-http" with Handler "sqs"/ },
  { check: "deployments", file: "alarms.tf", from: "    FunctionName = each.value\n  }\n\n  alarm_actions = local.alarm_actions\n  ok_actions    = local.alarm_actions\n  tags          = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"api_5xx_rate\"", to: "    FunctionName = \"wechatpay-recharge-close-${each.key}\"\n  }\n\n  alarm_actions = local.alarm_actions\n  ok_actions    = local.alarm_actions\n  tags          = var.tags\n}\n\nresource \"aws_cloudwatch_metric_alarm\" \"api_5xx_rate\"", expect: /function_throttles\["sqs"\] \(name = "rc-staging"\) selects FunctionName "wechatpay-recharge-close-sqs", not one of this deployment's functions/ },
  { check: "deployments", file: "alarms.tf", from: "      dimensions = {\n        ApiId = aws_apigatewayv2_api.this.id\n      }", to: "      dimensions = {\n        ApiId = \"a1b2c3d4e5\"\n      }", expect: /api_429_rate \(name = .*selects ApiId "a1b2c3d4e5", not one of this deployment's resources/ },
  { check: "deployments", file: "alarms.tf", from: "log_group_name = aws_cloudwatch_log_group.api_access.name", to: 'log_group_name = "/aws/vendedlogs/apigateway/wechatpay-recharge-close"', expect: /api_429 \(name = "rc-staging"\) counts log group "\/aws\/vendedlogs\/apigateway\/wechatpay-recharge-close", not one of this deployment's/ },
  { check: "deployments", file: "dashboard.tf", from: '["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.commands.name]', to: '["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "wechatpay-recharge-close-commands"]', expect: /widget "Queue: oldest message age \(s\), messages visible" \(name = "rc-staging"\) selects QueueName "wechatpay-recharge-close-commands", not one of this deployment's queues/ },
  // dashboard widgets on the wrong namespace or dimension
  { check: "deployments", file: "dashboard.tf", from: '["RechargeClose", "BatchSize", "FunctionName"', to: '["AWS/Lambda", "BatchSize", "FunctionName"', expect: /widget "SQS batches: size and item failures" \(name = .*\) shows BatchSize in "AWS\/Lambda"; the function writes it to RechargeClose/ },
  { check: "deployments", file: "dashboard.tf", from: '["RechargeClose", "BatchItemFailures", "FunctionName", local.function_names["sqs"], "Handler", "sqs"]', to: '["RechargeClose", "BatchItemFailures", "FunctionName", local.function_names["http"], "Handler", "sqs"]', expect: /widget "SQS batches: size and item failures" .*selects FunctionName "wechatpay-recharge-close-http" with Handler "sqs"/ },
  { check: "deployments", file: "dashboard.tf", from: '"Operation", a.operation, { stat = "p99"', to: '"Handler", a.operation, { stat = "p99"', expect: /widget "WeChat Pay: latency \(p99, ms\) and retries" .*watches UpstreamLatency by \["FunctionName","Handler"\]; the function emits it by \["FunctionName","Operation"\]/ },
  { check: "deployments", file: "dashboard.tf", from: ' FunctionName=\\"${name}\\" Handler', to: " Handler", expect: /widget "Closes by outcome \(http\)" .*selects no FunctionName of its own/ },
  { check: "deployments", file: "dashboard.tf", from: 'FunctionName=\\"${name}\\"', to: "FunctionName=${name}", expect: /widget "Closes by outcome \(sqs\)" .*matches FunctionName in its SEARCH by part/ },
  { check: "deployments", file: "dashboard.tf", from: '["RechargeClose", "AotCacheMisses", "FunctionName", name, "Handler", key]', to: '["RechargeClose", "AotCacheMisses", "Handler", key]', expect: /widget "Cold starts without the AOT cache" \(name = "rc-staging", aot\) watches AotCacheMisses by \["Handler"\]; the function emits it by \["FunctionName","Handler"\]/ },
  // the metrics come from the function's own declaration (src/main/resources/emf-metrics.json)
  { check: "onCall", file: "../src/main/resources/emf-metrics.json", from: '"BatchItemFailures"', to: '"FailedItems"', expect: /batch_item_failures watches RechargeClose\/"BatchItemFailures", which the function does not emit \(\.\.\/src\/main\/resources\/emf-metrics\.json\)/ },
  { check: "deployments", file: "../src/main/resources/emf-metrics.json", from: '"dimensions": ["FunctionName", "Operation"]', to: '"dimensions": ["Operation"]', expect: /verification_failures\["sqs-query"\] .*watches VerificationFailures by \["FunctionName","Operation"\]; the function emits it by \["Operation"\]/ },
  // the access log holds the fields its metric filter and the alarms read
  { check: "accessLog", file: "api.tf", from: '      status             = "$context.status"\n', to: "", expect: /aws_cloudwatch_log_metric_filter\.api_429 reads \$\.status, which the access log of aws_apigatewayv2_stage\.default does not write/ },
  { check: "accessLog", file: "api.tf", from: 'apiId              = "$context.apiId"', to: 'apiId              = "$context.domainName"', expect: /the access log field apiId, which aws_cloudwatch_log_metric_filter\.api_429 reads, must hold \$context\.apiId/ },
  { check: "accessLog", file: "api.tf", from: '      integrationStatus  = "$context.integrationStatus"\n', to: "", expect: /api_429_rate's description reads \$\.integrationStatus, which the access log/ },
  // log groups keep their customer key; the roles use theirs only through their services
  { check: "logs", file: "api.tf", from: "  kms_key_id        = var.log_group_kms_key_arn\n", to: "", expect: /aws_cloudwatch_log_group\.api_access must be encrypted with log_group_kms_key_arn/ },
  { check: "iam", file: "iam.tf", from: '["secretsmanager.${data.aws_region.current.region}.amazonaws.com"]', to: '["secretsmanager.amazonaws.com"]', expect: /aws_iam_role\.this\["http"\].*may use the customer key only through secretsmanager\.<this region>\.amazonaws\.com: .*secretsmanager\.amazonaws\.com/ },
  { check: "iam", file: "iam.tf", from: 'each.value.consumes_command_queue ? ["sqs.${data.aws_region.current.region}.amazonaws.com"] : []', to: '["sqs.${data.aws_region.current.region}.amazonaws.com"]', expect: /aws_iam_role\.this\["http"\].*may use the customer key only through secretsmanager\.<this region>\.amazonaws\.com:/ },
  // the route reaches the function: method, route, permission, deployment, JWT
  { check: "api", file: "api.tf", from: 'integration_method     = "POST"', to: 'integration_method     = "GET"', expect: /integration close must call Lambda with integration_method POST \(got "GET"\)/ },
  { check: "api", file: "main.tf", from: 'close_route_key = "POST /recharges/{out_recharge_no}/close"', to: 'close_route_key = "GET /recharges/{out_recharge_no}/close"', expect: /no route "POST \/recharges\/\{out_recharge_no\}\/close"/ },
  { check: "api", file: "api.tf", from: '/*/POST/recharges/*/close"', to: '/*/GET/recharges/*/close"', expect: /permission api lets the API invoke for .*\/GET\/recharges\/\*\/close", not the route POST/ },
  { check: "api", file: "api.tf", from: '/*/POST/recharges/*/close"', to: '/*/POST/recharges/*/cancel"', expect: /permission api lets the API invoke for .*\/cancel", not the route POST/ },
  { check: "api", file: "api.tf", from: '  function_name = aws_lambda_function.this["http"].function_name\n  qualifier', to: '  function_name = aws_lambda_function.this["sqs"].function_name\n  qualifier', expect: /permission api must allow invoking the http function "wechatpay-recharge-close-http" \(got "wechatpay-recharge-close-sqs"\)/ },
  { check: "api", file: "iam.tf", from: '/POST/recharges/*/close"]', to: '/*/recharges/*/close"]', expect: /api_caller InvokeCloseRoute grants execute-api:Invoke on .*, not the route POST/ },
  { check: "api", file: "api.tf", from: '  target    = "integrations/${aws_apigatewayv2_integration.close.id}"', to: '  target    = "integrations/${aws_apigatewayv2_api.this.id}"', expect: /route close must target "integrations\/\$\{<its Lambda integration>\.id\}"/ },
  { check: "api", file: "api.tf", from: "  auto_deploy = true", to: "  auto_deploy = false", expect: /stage default must auto_deploy/ },
  { check: "api", file: "api.tf", from: 'identity_sources = ["$request.header.Authorization"]', to: 'identity_sources = ["$request.header.X-Api-Token"]', expect: /authorizer jwt must take the JWT from \["\$request\.header\.Authorization"\]/ },
  { check: "api", file: "api.tf", from: "    issuer   = var.jwt_issuer", to: '    issuer   = "https://accounts.example.com"', expect: /authorizer jwt must check jwt_issuer and jwt_audience/ },
  { check: "eventSourceMapping", file: "sqs.tf", from: "  enabled       = true", to: "  enabled       = false", expect: /event source mapping must be enabled \(got enabled = false\)/ },
  // after a destroy: the created secret's name is not held by the deleted one
  { check: "secrets", file: "secrets.tf", from: '  name                    = var.wechatpay_secret_name\n  name_prefix             = var.wechatpay_secret_name == null ? "${var.name}/wechatpay-" : null\n', to: '  name                    = coalesce(var.wechatpay_secret_name, "${var.name}/wechatpay")\n', expect: /wechatpay\[0\] is named "wechatpay-recharge-close\/wechatpay": after terraform destroy Secrets Manager keeps that name for 30 days/ },
  { check: "secrets", file: "secrets.tf", from: '"${var.name}/wechatpay-"', to: '"wechatpay-"', expect: /needs a name_prefix of its deployment's own, with var\.name \(name = "rc-staging"; got "wechatpay-"\)/ },
  // the module reads nothing outside its folder: usable from git
  { check: "modulePaths", file: "variables.tf", from: "  type        = string\n\n  validation {\n    condition     = endswith(var.lambda_zip_path", to: "  type        = string\n  default     = \"../target/function.zip\"\n\n  validation {\n    condition     = endswith(var.lambda_zip_path", expect: /variable "lambda_zip_path" \(variables\.tf\) reads "\.\.\/target\/function\.zip", outside the module's folder/ },
  { check: "modulePaths", file: "main.tf", from: "lambda_zip_path   = var.lambda_zip_path", to: 'lambda_zip_path   = coalesce(var.lambda_zip_path, "${path.module}/../target/function.zip")', expect: /local\.lambda_zip_path \(main\.tf\) reads .*\.\.\/target\/function\.zip.*outside the module's folder/ },
  { check: "modulePaths", file: "main.tf", from: "lambda_zip_path   = var.lambda_zip_path", to: 'lambda_zip_path   = "${path.root}/function.zip"', expect: /local\.lambda_zip_path \(main\.tf\) uses path\.root, the caller's folder/ },
  // the example's state: remote, encrypted, locked, a key per deployment; local state as the spelled-out exception
  { check: "backend", file: "examples/complete/versions.tf", from: "    encrypt      = true", to: "    encrypt      = false", expect: /must set encrypt = true \(got false\)/ },
  { check: "backend", file: "examples/complete/versions.tf", from: "    use_lockfile = true\n", to: "", expect: /must set use_lockfile = true/ },
  { check: "backend", file: "examples/complete/versions.tf", from: "    encrypt      = true\n", to: '    encrypt      = true\n    key          = "recharge-close.tfstate"\n', expect: /sets key = "recharge-close\.tfstate"; leave it to terraform init -backend-config=key=/ },
  { check: "backend", file: "examples/complete/versions.tf", from: 'required_version = ">= 1.10"', to: 'required_version = ">= 1.7"', expect: /use_lockfile needs Terraform >= 1\.10, but examples\/complete requires ">= 1\.7"/ },
  { check: "backend", file: "examples/complete/versions.tf", from: 'backend "s3" {', to: 'backend "local" {', expect: /must keep its state in a backend "s3" \(got \["local"\]\)/ },
  { check: "backend", file: "README.md", from: '-backend-config="key=recharge-close/$NAME.tfstate"', to: '-backend-config="key=recharge-close/terraform.tfstate"', expect: /terraform init must give a state key of the deployment's own, with \$NAME/ },
  { check: "backend", file: "README.md", from: "   printf 'terraform {\\n  backend \"local\" {}\\n}\\n' > backend_override.tf\n", to: "", expect: /must spell out local state as the exception/ },
  // README commands: Linux and macOS, any region, twice in one account
  { check: "portability", file: "README.md", from: '   export TF_VAR_wechatpay_private_key_pem="$(cat apiclient_key.pem)"', to: '   cp apiclient_key.pem /dev/shm/key.pem && export TF_VAR_wechatpay_private_key_pem="$(cat /dev/shm/key.pem)"', expect: /README\.md runs \/dev\/shm \(macOS has none\)/ },
  { check: "portability", file: "README.md", from: "   printf 'terraform {\\n  backend \"local\" {}\\n}\\n' > backend_override.tf\n", to: "   sed -i 's/backend \"s3\"/backend \"local\"/' versions.tf\n", expect: /README\.md runs sed -i without a suffix/ },
  { check: "portability", file: "README.md", from: 'awscurl --service execute-api --region "$AWS_REGION"', to: "awscurl --service execute-api --region ap-east-1", expect: /types the region ap-east-1 into a command; use "\$AWS_REGION"/ },
  { check: "portability", file: "README.md", from: 'aws secretsmanager create-secret --name "$NAME/wechatpay-keys"', to: 'aws secretsmanager create-secret --name "wechatpay-keys"', expect: /secret must be named after the deployment/ },
  { check: "portability", file: "README.md", from: '     -var name="$NAME" \\\n', to: "", expect: /terraform apply must pass -var name="\$NAME"/ },
  // README: the recommended path, what the PEM variables cost, the module from git
  { check: "readme", file: "README.md", from: "Create the secret yourself — the recommended path:", to: "Create the secret yourself:", expect: /must recommend the secret created outside Terraform/ },
  { check: "readme", file: "README.md", from: "**The keys then sit in the Terraform state**, in clear\n   inside the state file: in the encrypted S3 state above, readable by whoever may read that\n   bucket and key — never in a local state file:", to: "Then:", expect: /must warn, where it shows TF_VAR_wechatpay_\*_pem, that the keys then sit in the Terraform state/ },
  { check: "readme", file: "README.md", from: '  source = "git::https://github.com/<org>/<repository>.git//infra?ref=<tag>"', to: '  source = "../infra"', expect: /no example of the module used from git/ },
  // more of the table's claims, each broken once
  { check: "syntax", file: "outputs.tf", from: 'output "queue_arn" {', to: 'output "queue_url" {', expect: /outputs\.tf: duplicate output "queue_url"/ },
  { check: "packageModes", file: "main.tf", from: "lambda_zip_path   = var.lambda_zip_path", to: 'lambda_zip_path   = "${path.module}/../target/function.zip"', expect: /aws_lambda_function\.this\["http"\] \(native\) must deploy var\.lambda_zip_path \(set .*build\/native\/function\.zip/ },
  { check: "iam", file: "iam.tf", from: "      resources = [statement.value]\n\n      condition {", to: "      resources = [\"arn:aws:kms:ap-east-1:123456789012:key/*\"]\n\n      condition {", expect: /aws_iam_role\.this\["http"\].*kms on \["arn:aws:kms:ap-east-1:123456789012:key\/\*"\], must be the given key/ },
  { check: "logs", file: "lambda.tf", from: "log_group  = aws_cloudwatch_log_group.function[each.key].name", to: 'log_group  = "/aws/lambda/shared"', expect: /the http function logs to "\/aws\/lambda\/shared", which this module does not manage/ },
  { check: "deployments", file: "dashboard.tf", from: '["AWS/ApiGateway", "4xx", "ApiId", aws_apigatewayv2_api.this.id, "Stage", aws_apigatewayv2_stage.default.name]', to: '["AWS/ApiGateway", "4xx", "Stage", aws_apigatewayv2_stage.default.name]', expect: /widget "API: requests, 4xx, 429, 5xx" .*watches AWS\/ApiGateway\/4xx without ApiId: that is the whole account's/ },
  { check: "backend", file: "README.md", from: '-backend-config="region=$AWS_REGION"', to: '-backend-config="region=ap-southeast-1"', expect: /terraform init must take the region from \$AWS_REGION/ },
  { check: "portability", file: "README.md", from: 'awscurl --service execute-api --region "$AWS_REGION" -X POST', to: "awscurl --service execute-api -X POST", expect: /signs an awscurl call without --region "\$AWS_REGION"/ },
  { check: "portability", file: "README.md", from: '     -var region="$AWS_REGION" \\\n', to: "", expect: /terraform apply must pass -var region="\$AWS_REGION"/ },
  { check: "portability", file: "README.md", from: "   export NAME=wechatpay-recharge-close-staging", to: "   export DEPLOYMENT=wechatpay-recharge-close-staging", expect: /deploy section must set NAME, one per deployment/ },
];

describe("each invariant fails on a broken copy", () => {
  let pristine;
  before(() => {
    pristine = loadSources();
  });

  for (const m of MUTATIONS) {
    const edits = m.edits ?? [{ file: m.file, from: m.from, to: m.to }];
    const label = edits.map((e) => `${e.file}: ${JSON.stringify(e.from).slice(0, 60)} -> ${JSON.stringify(e.to).slice(0, 30)}`).join(" + ");
    test(`${m.check}: ${label}`, async () => {
      const broken = { ...pristine };
      for (const e of edits) {
        const text = broken[e.file];
        assert.ok(text !== undefined, `${e.file} exists`);
        const occurrences = text.split(e.from).length - 1;
        assert.equal(occurrences, 1, `the mutation must match exactly once in ${e.file} (matched ${occurrences})`);
        broken[e.file] = text.replace(e.from, () => e.to);
      }
      const violations = await runCheck(m.check, await analyze(broken));
      assert.ok(
        violations.some((x) => m.expect.test(x)),
        `expected a ${m.check} violation matching ${m.expect}, got:\n${violations.join("\n") || "(none)"}`,
      );
    });
  }
});
