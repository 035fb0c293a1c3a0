# terraform test: invalid settings are refused at plan time (mocked AWS provider).

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

run "visibility_below_six_times_timeout" {
  command = plan

  variables {
    queue_visibility_timeout_seconds = 300
    sqs_function_timeout_seconds     = 60
  }

  expect_failures = [aws_sqs_queue.commands]
}

run "integration_timeout_at_limit" {
  command = plan

  variables {
    api_integration_timeout_milliseconds = 30000
  }

  expect_failures = [var.api_integration_timeout_milliseconds]
}

run "integration_timeout_below_upstream_deadline" {
  command = plan

  variables {
    api_integration_timeout_milliseconds = 5000
  }

  expect_failures = [aws_apigatewayv2_integration.close]
}

run "http_timeout_not_above_upstream_deadline" {
  command = plan

  variables {
    wechatpay_timeout_seconds     = 20
    http_function_timeout_seconds = 15
  }

  # The ["http"] instance's precondition fails first; its dependants (alias, integration)
  # are skipped. expect_failures names whole resources, not instances.
  expect_failures = [aws_lambda_function.this]
}

run "unknown_package_mode" {
  command = plan

  variables {
    package_mode = "graalvm"
  }

  expect_failures = [var.package_mode]
}

run "unknown_package_upload" {
  command = plan

  variables {
    lambda_package_upload = "ftp"
  }

  expect_failures = [var.lambda_package_upload]
}

run "package_bucket_as_arn" {
  command = plan

  variables {
    lambda_package_bucket = "arn:aws:s3:::payments-artifacts"
  }

  expect_failures = [var.lambda_package_bucket]
}

run "no_route_authorization" {
  command = plan

  variables {
    api_authorization_type = "NONE"
  }

  expect_failures = [var.api_authorization_type]
}

run "jwt_without_scopes" {
  command = plan

  variables {
    api_authorization_type = "JWT"
    jwt_issuer             = "https://issuer.example.com/"
    jwt_audience           = ["payments-api"]
  }

  # Any valid token of that issuer and audience would do.
  expect_failures = [aws_apigatewayv2_route.close]
}

run "producer_as_account_root" {
  command = plan

  variables {
    queue_producer_principal_arns = ["arn:aws:iam::123456789012:root"]
  }

  expect_failures = [var.queue_producer_principal_arns]
}

run "keys_in_environment" {
  command = plan

  variables {
    extra_environment_variables = {
      WECHATPAY_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----"
    }
  }

  expect_failures = [var.extra_environment_variables]
}

run "created_secret_without_value" {
  command = plan

  variables {
    wechatpay_private_key_pem = null
    wechatpay_public_key_pem  = null
  }

  # Its functions would be published (and snapshotted) against an empty secret.
  expect_failures = [aws_secretsmanager_secret_version.wechatpay]
}

run "partial_secret_arn" {
  command = plan

  variables {
    create_wechatpay_secret = false
    wechatpay_secret_arn    = "arn:aws:secretsmanager:ap-east-1:123456789012:secret:payments/wechatpay"
  }

  expect_failures = [var.wechatpay_secret_arn]
}

run "fifo_with_batching_window" {
  command = plan

  variables {
    fifo_queue                          = true
    sqs_maximum_batching_window_seconds = 5
  }

  expect_failures = [aws_lambda_event_source_mapping.commands]
}

run "batch_larger_than_one_invocation_closes" {
  command = plan

  variables {
    sqs_batch_size                      = 100
    sqs_maximum_batching_window_seconds = 1
  }

  # 10 rounds of 10 s closes do not fit in 60 s: the tail would use up receives untried.
  expect_failures = [aws_lambda_event_source_mapping.commands]
}

run "reserved_concurrency_below_mapping_concurrency" {
  command = plan

  variables {
    sqs_function_reserved_concurrency = 3
    sqs_maximum_concurrency           = 5
  }

  expect_failures = [aws_lambda_event_source_mapping.commands]
}
