variable "region" {
  description = "AWS region to deploy into, e.g. ap-southeast-1. No default: opt-in regions such as ap-east-1 (Hong Kong) work only once enabled for the account."
  type        = string
}

variable "name" {
  description = "Name prefix of every resource."
  type        = string
  default     = "wechatpay-recharge-close"
}

variable "package_mode" {
  description = "\"native\" (target/function.zip of `./mvnw -B package -Dnative`), or where native cannot be built \"aot\" (target/function.zip of `./mvnw -B package`)."
  type        = string
  default     = "native"
}

variable "architecture" {
  description = "\"x86_64\" or \"arm64\"; native builds must match the build machine's architecture."
  type        = string
  default     = "x86_64"
}

variable "wechatpay_mchid" {
  description = "Platform (service provider) merchant id."
  type        = string
}

variable "wechatpay_merchant_serial_no" {
  description = "Serial number of the merchant API certificate. Leave it null with a secret of today's shape, which names it (merchant_serial_no): a renewal is then one put-secret-value. Needed only to create the secret here, or with an earlier-shape secret."
  type        = string
  default     = null
}

variable "wechatpay_public_key_id" {
  description = "WeChat Pay public key id (PUB_KEY_ID_...). Leave it null with a secret of today's shape (its public_keys name theirs). Needed only to create the secret here with a public key, or with an earlier-shape secret."
  type        = string
  default     = null
}

variable "wechatpay_secret_arn" {
  description = "Full ARN of an existing secret that already holds the keys (recommended: the PEMs never enter the Terraform state). Null creates \"<name>/wechatpay-<suffix>\" with its value from wechatpay_private_key_pem / wechatpay_public_key_pem."
  type        = string
  default     = null
}

variable "wechatpay_private_key_pem" {
  description = "Merchant API private key (PEM), only when wechatpay_secret_arn is null; pass it as TF_VAR_wechatpay_private_key_pem. Stored in the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "wechatpay_public_key_pem" {
  description = "WeChat Pay public key (PEM), only when wechatpay_secret_arn is null; pass it as TF_VAR_wechatpay_public_key_pem. Stored in the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "alarm_email_addresses" {
  description = "E-mail addresses that receive the alarms."
  type        = list(string)
  default     = []
}

variable "api_authorization_type" {
  description = "\"AWS_IAM\" (default) or \"JWT\"."
  type        = string
  default     = "AWS_IAM"
}

variable "jwt_issuer" {
  description = "JWT issuer URL when api_authorization_type = \"JWT\"."
  type        = string
  default     = null
}

variable "jwt_audience" {
  description = "JWT audiences when api_authorization_type = \"JWT\"."
  type        = list(string)
  default     = []
}

variable "jwt_authorization_scopes" {
  description = "Scopes a JWT must carry (one of them) when api_authorization_type = \"JWT\", e.g. [\"recharges/close\"]."
  type        = list(string)
  default     = []
}

variable "queue_producer_principal_arns" {
  description = "IAM role/user ARNs that may send close commands to the queue; empty: nobody can until you name them."
  type        = list(string)
  default     = []
}
