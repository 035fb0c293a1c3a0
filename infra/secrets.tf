################################################################################
# WeChat Pay key material: ONE Secrets Manager secret, JSON
#   {"private_key": "<merchant PEM>", "public_key": "<WeChat Pay public key PEM>",
#    "platform_certificates": "<optional PEM bundle>"}
# The functions get its ARN in WECHATPAY_SECRET_ID and fetch it once per container.
################################################################################

resource "aws_secretsmanager_secret" "wechatpay" {
  count = var.create_wechatpay_secret ? 1 : 0

  # A deleted secret keeps its name for the recovery window: a generated suffix lets the
  # next apply after a destroy create a new one.
  name                    = var.wechatpay_secret_name
  name_prefix             = var.wechatpay_secret_name == null ? "${var.name}/wechatpay-" : null
  description             = "WeChat Pay merchant private key and WeChat Pay public key for ${var.name} (JSON: private_key, public_key, optional platform_certificates)."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.wechatpay_secret_recovery_window_in_days
  tags                    = var.tags

  lifecycle {
    # A replaced secret (a new name) exists, with its value, before the functions move to it
    # and the old one is deleted; generated names never collide.
    create_before_destroy = true

    precondition {
      condition     = var.wechatpay_secret_arn == null
      error_message = "Set either create_wechatpay_secret = true or wechatpay_secret_arn, not both."
    }
  }
}

# The value of a secret this module creates, written in the same apply and before any
# function version is published (the functions depend on it, lambda.tf): a published
# version starts against it, and a version
# started against an empty secret stays broken, since a re-apply with the same code
# publishes nothing new. This stores the PEMs in the Terraform state (encrypt and
# restrict the backend); to keep them out of it, create the secret yourself and pass
# wechatpay_secret_arn (README, Deploy).
resource "aws_secretsmanager_secret_version" "wechatpay" {
  count = var.create_wechatpay_secret ? 1 : 0

  secret_id = aws_secretsmanager_secret.wechatpay[0].id
  secret_string = jsonencode(merge(
    {
      private_key = var.wechatpay_private_key_pem
      public_key  = var.wechatpay_public_key_pem
    },
    var.wechatpay_platform_certificates_pem == null ? tomap({}) : tomap({ platform_certificates = var.wechatpay_platform_certificates_pem }),
  ))

  lifecycle {
    precondition {
      condition     = var.wechatpay_private_key_pem != null && var.wechatpay_public_key_pem != null
      error_message = "The secret this module creates (create_wechatpay_secret = true) gets its value in the same apply, before any function version is published: set wechatpay_private_key_pem and wechatpay_public_key_pem (e.g. TF_VAR_wechatpay_private_key_pem), or create the secret yourself and pass wechatpay_secret_arn."
    }
  }
}
