# terraform test, native package (plan only, mocked AWS provider).

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
  package_mode              = "native"
  architecture              = "arm64"
}

run "native_functions" {
  command = plan

  assert {
    condition     = aws_lambda_function.this["http"].runtime == "provided.al2023" && aws_lambda_function.this["sqs"].runtime == "provided.al2023"
    error_message = "Native mode must use provided.al2023."
  }

  assert {
    condition     = aws_lambda_function.this["http"].memory_size == 128 && aws_lambda_function.this["sqs"].memory_size == 128
    error_message = "The native package defaults to bench/memory-table.json's choice for both handlers: 128 MB, the cheapest size that meets the rule."
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["DISABLE_SIGNAL_HANDLERS"] == "true" && aws_lambda_function.this["sqs"].environment[0].variables["DISABLE_SIGNAL_HANDLERS"] == "true"
    error_message = "Native mode must set DISABLE_SIGNAL_HANDLERS=true."
  }

  assert {
    condition     = length(aws_lambda_function.this["http"].snap_start) == 0 && length(aws_lambda_function.this["sqs"].snap_start) == 0
    error_message = "SnapStart does not apply to provided.al2023."
  }

  assert {
    condition     = aws_lambda_function.this["http"].architectures == tolist(["arm64"]) && aws_lambda_function.this["sqs"].architectures == tolist(["arm64"])
    error_message = "The architecture variable must reach both functions."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.aot_cache_misses) == 0
    error_message = "The AOT cache alarm belongs to the aot package only."
  }
}
