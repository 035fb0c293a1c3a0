# terraform test, aot package (the JVM fallback): plan only, mocked AWS provider.

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
  package_mode              = "aot"
}

run "aot_functions" {
  command = plan

  assert {
    condition     = aws_lambda_function.this["http"].memory_size == 1769 && aws_lambda_function.this["sqs"].memory_size == 256
    error_message = "The aot package defaults to bench/memory-table.json's choice: 1,769 MB for http (its soonest first close, none within 1 s) and 256 MB for sqs (the cheapest with a batch of 10 within 6 s)."
  }

  assert {
    condition     = aws_lambda_function.this["http"].runtime == "provided.al2023" && aws_lambda_function.this["sqs"].runtime == "provided.al2023"
    error_message = "The aot package carries its own Java runtime: provided.al2023."
  }

  assert {
    condition     = aws_lambda_function.this["http"].handler == "bootstrap" && aws_lambda_function.this["sqs"].handler == "bootstrap"
    error_message = "The aot package starts through its bootstrap."
  }

  assert {
    condition     = length(aws_lambda_function.this["http"].snap_start) == 0 && length(aws_lambda_function.this["sqs"].snap_start) == 0
    error_message = "SnapStart does not exist for provided runtimes."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "JAVA_TOOL_OPTIONS") && !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "The aot package's JVM flags live in its bootstrap: no JAVA_TOOL_OPTIONS."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "DISABLE_SIGNAL_HANDLERS")
    error_message = "DISABLE_SIGNAL_HANDLERS is for the native executable only."
  }

  assert {
    condition     = aws_lambda_function.this["http"].publish && aws_lambda_function.this["sqs"].publish
    error_message = "Versions are published so the aliases serve a fixed build."
  }

  assert {
    condition     = aws_lambda_function.this["http"].filename == "tests/fixtures/function.zip" && aws_lambda_function.this["http"].s3_bucket == null && length(aws_s3_object.package) == 0 && length(aws_s3_bucket.package) == 0
    error_message = "A package under the direct-upload limit is uploaded directly, without a bucket."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.aot_cache_misses["http"].metric_name == "AotCacheMisses" && aws_cloudwatch_metric_alarm.aot_cache_misses["sqs"].dimensions["Handler"] == "sqs" && aws_cloudwatch_metric_alarm.aot_cache_misses["sqs"].dimensions["FunctionName"] == "wechatpay-recharge-close-sqs"
    error_message = "Each aot function needs an alarm on its own AotCacheMisses metric."
  }

  assert {
    condition     = aws_cloudwatch_metric_alarm.aot_cache_misses["http"].namespace == "RechargeClose" && aws_cloudwatch_metric_alarm.aot_cache_misses["http"].statistic == "Sum" && aws_cloudwatch_metric_alarm.aot_cache_misses["http"].threshold == 0
    error_message = "The AOT alarm fires on the first cold start without the cache."
  }
}

run "package_through_created_bucket" {
  command = plan

  variables {
    lambda_package_upload = "s3"
  }

  assert {
    condition     = length(aws_s3_bucket.package) == 1 && length(aws_s3_object.package) == 1
    error_message = "Through S3 without lambda_package_bucket, the module creates the bucket and uploads the package."
  }

  assert {
    condition     = aws_s3_bucket_versioning.package[0].versioning_configuration[0].status == "Enabled"
    error_message = "The package bucket must be versioned (the functions pin s3_object_version)."
  }

  assert {
    condition     = aws_s3_bucket_public_access_block.package[0].block_public_acls && aws_s3_bucket_public_access_block.package[0].block_public_policy && aws_s3_bucket_public_access_block.package[0].ignore_public_acls && aws_s3_bucket_public_access_block.package[0].restrict_public_buckets
    error_message = "The package bucket must block every kind of public access."
  }

  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.package[0].rule[0].noncurrent_version_expiration[0].noncurrent_days == 30
    error_message = "Replaced packages must expire."
  }

  assert {
    condition     = aws_s3_object.package[0].source == "tests/fixtures/function.zip" && aws_s3_object.package[0].key == "wechatpay-recharge-close/aot/function.zip"
    error_message = "The object must be the package, under <name>/<mode>/."
  }

  assert {
    condition     = aws_lambda_function.this["http"].filename == null && aws_lambda_function.this["sqs"].s3_key == "wechatpay-recharge-close/aot/function.zip"
    error_message = "Through S3, the functions take their code from the object, not from a file."
  }

  assert {
    condition     = aws_lambda_function.this["http"].source_code_hash == filebase64sha256("tests/fixtures/function.zip")
    error_message = "source_code_hash stays the package's hash, so an unchanged build plans no change."
  }
}

run "package_through_existing_bucket" {
  command = plan

  variables {
    lambda_package_upload = "s3"
    lambda_package_bucket = "payments-artifacts"
  }

  assert {
    condition     = length(aws_s3_bucket.package) == 0 && aws_s3_object.package[0].bucket == "payments-artifacts"
    error_message = "With lambda_package_bucket the package goes to that bucket and none is created."
  }

  assert {
    condition     = aws_lambda_function.this["http"].s3_bucket == "payments-artifacts" && aws_lambda_function.this["sqs"].s3_bucket == "payments-artifacts"
    error_message = "Both functions take their code from the named bucket."
  }
}
