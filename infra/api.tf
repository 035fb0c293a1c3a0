################################################################################
# API Gateway HTTP API: POST and DELETE /recharges/{out_recharge_no}/close -> http alias
# (local.close_routes: close, or schedule with close_at; cancel a scheduled close)
################################################################################

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/vendedlogs/apigateway/${var.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = var.tags
}

resource "aws_apigatewayv2_api" "this" {
  name          = var.name
  description   = "Closes WeChat Pay secondary-merchant recharge orders."
  protocol_type = "HTTP"
  tags          = var.tags
}

resource "aws_apigatewayv2_integration" "close" {
  api_id                 = aws_apigatewayv2_api.this.id
  description            = "Lambda proxy to ${aws_lambda_function.this["http"].function_name}:${aws_lambda_alias.this["http"].name}"
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_alias.this["http"].invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = local.api_integration_timeout_milliseconds

  lifecycle {
    precondition {
      condition     = local.api_integration_timeout_milliseconds < 30000 && local.api_integration_timeout_milliseconds > var.wechatpay_timeout_seconds * 1000
      error_message = "The integration timeout must be below 30000 ms and above the upstream deadline (wechatpay_timeout_seconds * 1000)."
    }
  }
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  count = local.use_jwt ? 1 : 0

  api_id           = aws_apigatewayv2_api.this.id
  name             = "${var.name}-jwt"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = var.jwt_issuer
    audience = var.jwt_audience
  }
}

resource "aws_apigatewayv2_route" "close" {
  for_each = local.close_routes

  api_id    = aws_apigatewayv2_api.this.id
  route_key = each.value.route_key
  target    = "integrations/${aws_apigatewayv2_integration.close.id}"

  authorization_type   = var.api_authorization_type
  authorizer_id        = local.use_jwt ? aws_apigatewayv2_authorizer.jwt[0].id : null
  authorization_scopes = local.use_jwt ? var.jwt_authorization_scopes : null

  lifecycle {
    precondition {
      condition     = !local.use_jwt || (var.jwt_issuer != null && length(var.jwt_audience) > 0)
      error_message = "api_authorization_type = \"JWT\" needs jwt_issuer and at least one jwt_audience."
    }
    precondition {
      condition     = !local.use_jwt || length(var.jwt_authorization_scopes) > 0
      error_message = "api_authorization_type = JWT needs jwt_authorization_scopes: without a scope every valid token of the issuer for that audience (any client, any user) could close recharges."
    }
  }
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      apiId              = "$context.apiId"
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      callerArn          = "$context.identity.userArn"
      jwtSubject         = "$context.authorizer.claims.sub"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      path               = "$context.path"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      integrationStatus  = "$context.integrationStatus"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      # Lambda's request id of the invocation: the lambda_request_id of the function's lines and outcome event.
      lambdaRequestId    = "$context.integration.requestId"
      errorMessage       = "$context.error.message"
    })
  }

  default_route_settings {
    throttling_burst_limit   = var.api_throttling_burst_limit
    throttling_rate_limit    = var.api_throttling_rate_limit
    detailed_metrics_enabled = var.api_detailed_metrics_enabled
  }

  dynamic "route_settings" {
    for_each = aws_apigatewayv2_route.close
    content {
      route_key                = route_settings.value.route_key
      throttling_burst_limit   = var.api_throttling_burst_limit
      throttling_rate_limit    = var.api_throttling_rate_limit
      detailed_metrics_enabled = var.api_detailed_metrics_enabled
    }
  }

  tags = var.tags
}

resource "aws_lambda_permission" "api" {
  for_each = local.close_routes

  statement_id  = each.value.permission_statement_id
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.this["http"].function_name
  qualifier     = aws_lambda_alias.this["http"].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.this.execution_arn}/*/${each.key}/recharges/*/close"
}

# The POST route and its permission were single resources before the DELETE route: keep them.
moved {
  from = aws_apigatewayv2_route.close
  to   = aws_apigatewayv2_route.close["POST"]
}

moved {
  from = aws_lambda_permission.api
  to   = aws_lambda_permission.api["POST"]
}
