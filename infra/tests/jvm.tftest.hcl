# terraform test, jvm package on the managed java25 runtime (plan only, mocked AWS provider).

mock_provider "aws" {
  source = "./tests/mocks" # shared mock_data: tests/mocks/aws.tfmock.hcl
}

variables {
  lambda_zip_path              = "tests/fixtures/function-jvm.zip"
  wechatpay_mchid              = "1900000109"
  wechatpay_merchant_serial_no = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
  wechatpay_public_key_id      = "PUB_KEY_ID_0114232134912410000000000000"
  # The created secret gets its value in the same apply (test stand-ins, not keys).
  wechatpay_private_key_pem = "-----BEGIN PRIVATE KEY-----\ntest\n-----END PRIVATE KEY-----\n"
  wechatpay_public_key_pem  = "-----BEGIN PUBLIC KEY-----\ntest\n-----END PUBLIC KEY-----\n"
  package_mode              = "jvm"
}

run "jvm_functions" {
  command = plan

  assert {
    condition     = aws_lambda_function.this["http"].runtime == "java25" && aws_lambda_function.this["sqs"].runtime == "java25"
    error_message = "JVM mode must use the java25 runtime."
  }

  assert {
    condition     = aws_lambda_function.this["http"].handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest" && aws_lambda_function.this["sqs"].handler == "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"
    error_message = "JVM mode must use Quarkus's QuarkusStreamHandler."
  }

  assert {
    condition     = aws_lambda_function.this["http"].snap_start[0].apply_on == "PublishedVersions" && aws_lambda_function.this["sqs"].snap_start[0].apply_on == "PublishedVersions"
    error_message = "JVM mode must enable SnapStart on published versions."
  }

  assert {
    condition     = aws_lambda_function.this["http"].publish && aws_lambda_function.this["sqs"].publish
    error_message = "Versions must be published so the aliases serve SnapStart snapshots."
  }

  assert {
    condition     = !contains(keys(aws_lambda_function.this["http"].environment[0].variables), "JAVA_TOOL_OPTIONS") && !contains(keys(aws_lambda_function.this["sqs"].environment[0].variables), "JAVA_TOOL_OPTIONS")
    error_message = "By default JVM mode keeps Lambda's own JVM options: no JAVA_TOOL_OPTIONS."
  }

  assert {
    condition     = aws_lambda_function.this["http"].filename == "tests/fixtures/function-jvm.zip"
    error_message = "JVM mode deploys the JVM zip."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.aot_cache_misses) == 0
    error_message = "The AOT cache alarm belongs to the aot package only."
  }
}

run "jvm_options_override" {
  command = plan

  variables {
    java_tool_options = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  }

  assert {
    condition     = aws_lambda_function.this["http"].environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1" && aws_lambda_function.this["sqs"].environment[0].variables["JAVA_TOOL_OPTIONS"] == "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
    error_message = "java_tool_options must reach both functions in JVM mode."
  }
}
