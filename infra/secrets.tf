################################################################################
# WeChat Pay key material: ONE Secrets Manager secret holding everything that rotates together, JSON
#   {"merchant_serial_no": "<hex>", "private_key": "<merchant PEM>",
#    "public_keys": {"PUB_KEY_ID_...": "<WeChat Pay public key PEM>", ...},
#    "platform_certificates": "<optional PEM bundle>", "merchant_certificate": "<optional PEM>"}
# The functions get its ARN in WECHATPAY_SECRET_ID, read it at start and again as their keys age
# (wechatpay_keys_max_age_seconds) or as WeChat Pay asks (an unknown serial, a refused
# signature): a rotation is one put-secret-value, no apply.
################################################################################

resource "aws_secretsmanager_secret" "wechatpay" {
  count = var.create_wechatpay_secret ? 1 : 0

  # A deleted secret keeps its name for the recovery window: a generated suffix lets the
  # next apply after a destroy create a new one.
  name                    = var.wechatpay_secret_name
  name_prefix             = var.wechatpay_secret_name == null ? "${var.name}/wechatpay-" : null
  description             = "WeChat Pay keys for ${var.name} (JSON: merchant_serial_no, private_key, public_keys, optional platform_certificates and merchant_certificate)."
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
      merchant_serial_no = var.wechatpay_merchant_serial_no
      private_key        = var.wechatpay_private_key_pem
    },
    var.wechatpay_public_key_pem == null ? tomap({}) : tomap({ public_keys = tomap({ (var.wechatpay_public_key_id) = var.wechatpay_public_key_pem }) }),
    var.wechatpay_platform_certificates_pem == null ? tomap({}) : tomap({ platform_certificates = var.wechatpay_platform_certificates_pem }),
  ))

  lifecycle {
    precondition {
      condition     = var.wechatpay_private_key_pem != null && var.wechatpay_merchant_serial_no != null && (var.wechatpay_public_key_pem != null || var.wechatpay_platform_certificates_pem != null)
      error_message = "The secret this module creates (create_wechatpay_secret = true) gets its value in the same apply, before any function version is published: set wechatpay_private_key_pem (e.g. TF_VAR_wechatpay_private_key_pem), wechatpay_merchant_serial_no, and wechatpay_public_key_pem, wechatpay_platform_certificates_pem or both; or create the secret yourself and pass wechatpay_secret_arn."
    }
    precondition {
      condition     = var.wechatpay_public_key_pem == null || var.wechatpay_public_key_id != null
      error_message = "wechatpay_public_key_pem is stored under its id: set wechatpay_public_key_id (PUB_KEY_ID_...)."
    }
  }
}
