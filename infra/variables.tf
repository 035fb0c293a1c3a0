################################################################################
# General
################################################################################

variable "name" {
  description = "Name prefix for every resource (functions become \"<name>-http\" and \"<name>-sqs\", the queue \"<name>-commands\")."
  type        = string
  default     = "wechatpay-recharge-close"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,40}$", var.name))
    error_message = "name must be 1-40 characters of letters, digits, '-' or '_' (suffixes are appended to it)."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource."
  type        = map(string)
  default     = {}
}

################################################################################
# Deployment package
################################################################################

variable "package_mode" {
  description = "Which build is deployed, both on runtime provided.al2023 with handler bootstrap: \"native\" (the default: the GraalVM/Mandrel executable, target/function.zip of ./mvnw -B package -Dnative) or, where native cannot be built, \"aot\" (target/function.zip of ./mvnw -B package: its own jlinked JDK 25 and trained AOT cache)."
  type        = string
  default     = "native"

  validation {
    condition     = contains(["native", "aot"], var.package_mode)
    error_message = "package_mode must be \"native\" or \"aot\"."
  }
}

variable "lambda_zip_path" {
  description = "Path to target/function.zip as the build left it for package_mode (./mvnw -B package -Dnative for native, ./mvnw -B package for aot). Terraform reads relative paths from the directory it runs in: pass \"$${path.root}/<path to the repository>/target/function.zip\"."
  type        = string

  validation {
    condition     = endswith(var.lambda_zip_path, ".zip")
    error_message = "lambda_zip_path must point to the build's .zip file, e.g. \"$${path.root}/../../../target/function.zip\" from examples/complete."
  }
}

variable "lambda_package_upload" {
  description = "How the package reaches Lambda: \"auto\" (directly up to 49 MiB, through S3 above: Lambda refuses direct uploads over 50 MB), \"s3\" (always through S3) or \"direct\" (never; a package over the limit is refused at plan time)."
  type        = string
  default     = "auto"

  validation {
    condition     = contains(["auto", "s3", "direct"], var.lambda_package_upload)
    error_message = "lambda_package_upload must be \"auto\", \"s3\" or \"direct\"."
  }
}

variable "lambda_package_bucket" {
  description = "Existing S3 bucket (name, same region, versioning on) that receives the package when it goes through S3. Null means the module creates a private, versioned, encrypted, TLS-only bucket \"<name>-package-...\" for it."
  type        = string
  default     = null

  validation {
    condition     = var.lambda_package_bucket == null ? true : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.lambda_package_bucket))
    error_message = "lambda_package_bucket must be an S3 bucket name (3-63 lower-case letters, digits, '.' or '-'), not an ARN."
  }
}

variable "architecture" {
  description = "Instruction set of both functions: \"x86_64\" or \"arm64\". In native mode it must match the architecture the executable was built for."
  type        = string
  default     = "x86_64"

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be \"x86_64\" or \"arm64\"."
  }
}

variable "extra_environment_variables" {
  description = "Additional environment variables for both functions (for example QUARKUS_LOG_LEVEL). Keys and the reserved names set by this module are rejected: keys reach the function only through Secrets Manager."
  type        = map(string)
  default     = {}

  validation {
    condition = length(setintersection(keys(var.extra_environment_variables), [
      "WECHATPAY_PRIVATE_KEY", "WECHATPAY_PUBLIC_KEY", "WECHATPAY_SECRET_ID", "QUARKUS_LAMBDA_HANDLER",
      "WECHATPAY_MCHID", "WECHATPAY_MERCHANT_SERIAL_NO", "WECHATPAY_PUBLIC_KEY_ID", "WECHATPAY_BASE_URL",
      "WECHATPAY_BACKUP_BASE_URL", "WECHATPAY_TIMEOUT", "JAVA_TOOL_OPTIONS", "DISABLE_SIGNAL_HANDLERS",
      "SQS_MAX_CONCURRENCY", "SQS_DEAD_LETTER_QUEUE_URL", "WECHATPAY_KEYS_MAX_AGE",
      "WECHATPAY_KEYS_MIN_REFRESH_INTERVAL", "EVENTS_BUS_NAME", "SQS_BACKOFF_FIRST", "SQS_BACKOFF_MAX",
      "SCHEDULE_GROUP_NAME", "SCHEDULE_QUEUE_ARN", "SCHEDULE_ROLE_ARN", "SCHEDULE_DEAD_LETTER_ARN", "SCHEDULE_MAX_AHEAD",
    ])) == 0
    error_message = "extra_environment_variables must not set key material (WECHATPAY_PRIVATE_KEY, WECHATPAY_PUBLIC_KEY) nor a variable this module manages."
  }
}

variable "enable_xray_tracing" {
  description = "Turn on AWS X-Ray active tracing for both functions (adds xray:PutTraceSegments/PutTelemetryRecords, which only accept Resource \"*\")."
  type        = bool
  default     = false
}

variable "permissions_boundary_arn" {
  description = "Optional IAM permissions boundary attached to every role this module creates: both function roles and, with enable_scheduled_close, the scheduler's (it must allow sqs:SendMessage to the queues)."
  type        = string
  default     = null
}

################################################################################
# Functions
################################################################################

variable "http_function_timeout_seconds" {
  description = "Timeout of the API (http) function in seconds. Must exceed wechatpay_timeout_seconds and stay below the 30 s HTTP API limit."
  type        = number
  default     = 15

  validation {
    condition     = var.http_function_timeout_seconds >= 2 && var.http_function_timeout_seconds <= 29 && floor(var.http_function_timeout_seconds) == var.http_function_timeout_seconds
    error_message = "http_function_timeout_seconds must be a whole number between 2 and 29."
  }
}

variable "http_function_memory_size" {
  description = "Memory of the API (http) function in MB; Lambda gives it memory / 1769 MB of a vCPU and bills it per GB-second. Null means the package mode's default, the cheapest size that bench/run measured answering a first close within 1 s and warm closes within 1.5x WeChat Pay's answer time at the p99 (README, Memory)."
  type        = number
  default     = null

  validation {
    condition     = var.http_function_memory_size == null ? true : var.http_function_memory_size >= 128 && var.http_function_memory_size <= 10240
    error_message = "http_function_memory_size must be between 128 and 10240 MB."
  }
}

variable "http_function_reserved_concurrency" {
  description = "Reserved concurrent executions of the API (http) function. Null means none (the account's unreserved pool; new accounts may have a quota of 10, which a reservation cannot come out of)."
  type        = number
  default     = null

  validation {
    condition     = var.http_function_reserved_concurrency == null ? true : var.http_function_reserved_concurrency >= 0 && floor(var.http_function_reserved_concurrency) == var.http_function_reserved_concurrency
    error_message = "http_function_reserved_concurrency must be null (unreserved) or a whole number >= 0."
  }
}

variable "sqs_function_timeout_seconds" {
  description = "Timeout of the queue (sqs) function in seconds. It must cover the batch's rounds of closes (see sqs_batch_size, refused at plan time otherwise); the queue's visibility timeout is kept at >= 6x this value."
  type        = number
  default     = 60

  validation {
    condition     = var.sqs_function_timeout_seconds >= 2 && var.sqs_function_timeout_seconds <= 900 && floor(var.sqs_function_timeout_seconds) == var.sqs_function_timeout_seconds
    error_message = "sqs_function_timeout_seconds must be a whole number between 2 and 900."
  }
}

variable "sqs_function_memory_size" {
  description = "Memory of the queue (sqs) function in MB; Lambda gives it memory / 1769 MB of a vCPU and bills it per GB-second. Null means the package mode's default, the cheapest size that bench/run measured closing a batch of 10 within a tenth of the function's timeout (README, Memory)."
  type        = number
  default     = null

  validation {
    condition     = var.sqs_function_memory_size == null ? true : var.sqs_function_memory_size >= 128 && var.sqs_function_memory_size <= 10240
    error_message = "sqs_function_memory_size must be between 128 and 10240 MB."
  }
}

variable "sqs_function_reserved_concurrency" {
  description = "Reserved concurrent executions of the queue (sqs) function. Null means none (sqs_maximum_concurrency still caps what the queue drives). Must be >= sqs_maximum_concurrency when set."
  type        = number
  default     = null

  validation {
    condition     = var.sqs_function_reserved_concurrency == null ? true : var.sqs_function_reserved_concurrency >= 0 && floor(var.sqs_function_reserved_concurrency) == var.sqs_function_reserved_concurrency
    error_message = "sqs_function_reserved_concurrency must be null (unreserved) or a whole number >= 0."
  }
}

################################################################################
# WeChat Pay settings (plain, non-secret)
################################################################################

variable "wechatpay_mchid" {
  description = "Platform (service provider) merchant id, WECHATPAY_MCHID."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{6,32}$", var.wechatpay_mchid))
    error_message = "wechatpay_mchid must be the numeric merchant id."
  }
}

variable "wechatpay_merchant_serial_no" {
  description = "Serial number of the merchant API certificate whose private key signs requests, WECHATPAY_MERCHANT_SERIAL_NO. Null: the secret names it (merchant_serial_no), so a renewal is one put-secret-value; set it only for a secret of the earlier shape, or for the secret this module creates."
  type        = string
  default     = null

  validation {
    condition     = var.wechatpay_merchant_serial_no == null ? true : can(regex("^[0-9A-Fa-f]{8,64}$", var.wechatpay_merchant_serial_no))
    error_message = "wechatpay_merchant_serial_no must be the hexadecimal certificate serial number."
  }
}

variable "wechatpay_public_key_id" {
  description = "Id of the WeChat Pay public key (PUB_KEY_ID_...), WECHATPAY_PUBLIC_KEY_ID. Null: the secret's public_keys name theirs (the first is asked for). Set: the id of an earlier-shape secret's public_key, or the one of public_keys requests ask for."
  type        = string
  default     = null

  validation {
    condition     = var.wechatpay_public_key_id == null ? true : can(regex("^PUB_KEY_ID_[0-9A-Za-z_]+$", var.wechatpay_public_key_id))
    error_message = "wechatpay_public_key_id must look like PUB_KEY_ID_0114232134912410000000000000."
  }
}

variable "certificate_expiry_alarm_days" {
  description = "The certificate expiry alarms fire when the merchant API certificate (when the secret holds merchant_certificate) or the newest platform certificate has fewer days left than this (EMF CertificateDaysLeft)."
  type        = number
  default     = 30

  validation {
    condition     = var.certificate_expiry_alarm_days >= 7 && var.certificate_expiry_alarm_days <= 60
    error_message = "certificate_expiry_alarm_days must be between 7 and 60 (WeChat Pay reminds 60 days ahead)."
  }
}

variable "enable_outcome_events" {
  description = "Create the EventBridge bus \"<name>-outcomes\" (with an archive) and have both functions put every final outcome of a close on it (EVENTS_BUS_NAME): the platform learns of each close, payment and failure without reading logs."
  type        = bool
  default     = true
}

variable "outcome_events_archive_retention_days" {
  description = "Days the outcome events' archive keeps them, for audit and replay (0 keeps them indefinitely)."
  type        = number
  default     = 400

  validation {
    condition     = var.outcome_events_archive_retention_days >= 0
    error_message = "outcome_events_archive_retention_days must be 0 (indefinitely) or more."
  }
}

variable "wechatpay_keys_max_age_seconds" {
  description = "Keys read from the secret longer ago than this are read again before the next close (WECHATPAY_KEYS_MAX_AGE): within it, every warm container signs with a renewed merchant key and stops trusting a WeChat Pay key taken out of the secret."
  type        = number
  default     = 600

  validation {
    condition     = var.wechatpay_keys_max_age_seconds >= 60 && var.wechatpay_keys_max_age_seconds <= 86400
    error_message = "wechatpay_keys_max_age_seconds must be between 60 (a read a minute per container) and 86400."
  }
}

variable "wechatpay_base_url" {
  description = "WeChat Pay API base URL, WECHATPAY_BASE_URL."
  type        = string
  default     = "https://api.mch.weixin.qq.com"

  validation {
    condition     = startswith(var.wechatpay_base_url, "https://")
    error_message = "wechatpay_base_url must be an https:// URL."
  }
}

variable "wechatpay_backup_base_url" {
  description = "WeChat Pay backup API base URL used when the primary domain fails, WECHATPAY_BACKUP_BASE_URL."
  type        = string
  default     = "https://api2.mch.weixin.qq.com"

  validation {
    condition     = startswith(var.wechatpay_backup_base_url, "https://")
    error_message = "wechatpay_backup_base_url must be an https:// URL."
  }
}

variable "wechatpay_timeout_seconds" {
  description = "Upstream deadline for one WeChat Pay call in whole seconds; passed as WECHATPAY_TIMEOUT=\"<n>s\". The API integration timeout and the http function timeout are kept above it."
  type        = number
  default     = 10

  validation {
    condition     = var.wechatpay_timeout_seconds >= 1 && var.wechatpay_timeout_seconds <= 25 && floor(var.wechatpay_timeout_seconds) == var.wechatpay_timeout_seconds
    error_message = "wechatpay_timeout_seconds must be a whole number between 1 and 25 (the HTTP API gives up at 30 s)."
  }
}

################################################################################
# Secrets (merchant private key, WeChat Pay public key)
################################################################################

variable "create_wechatpay_secret" {
  description = "Create the Secrets Manager secret that holds the keys, with its value from wechatpay_private_key_pem / wechatpay_public_key_pem, before any function version is published. Set to false and pass wechatpay_secret_arn to use an existing secret that already holds its value (keys never in the Terraform state)."
  type        = bool
  default     = true
}

variable "wechatpay_secret_arn" {
  description = "Full ARN (with the 6-character suffix) of an existing secret holding {\"merchant_serial_no\": hex, \"private_key\": PEM, \"public_keys\": {\"PUB_KEY_ID_...\": PEM}[, \"platform_certificates\": PEM bundle][, \"merchant_certificate\": PEM]} (infra/README.md; the earlier {\"private_key\", \"public_key\"} is still read, with wechatpay_merchant_serial_no and wechatpay_public_key_id). Only when create_wechatpay_secret = false."
  type        = string
  default     = null

  validation {
    condition     = var.wechatpay_secret_arn == null ? true : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+-[A-Za-z0-9]{6}$", var.wechatpay_secret_arn))
    error_message = "wechatpay_secret_arn must be a complete Secrets Manager secret ARN (ending in -XXXXXX), so the IAM policy can name exactly that secret."
  }
}

variable "wechatpay_secret_name" {
  description = "Name of the secret created when create_wechatpay_secret = true. Null means \"<name>/wechatpay-\" and a generated suffix, so an apply after a destroy does not collide with the deleted secret, whose name Secrets Manager keeps for wechatpay_secret_recovery_window_in_days. A name set here is reserved that long after a destroy."
  type        = string
  default     = null
}

variable "wechatpay_secret_recovery_window_in_days" {
  description = "Days Secrets Manager keeps a deleted secret recoverable (0 deletes at once, otherwise 7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.wechatpay_secret_recovery_window_in_days == 0 || (var.wechatpay_secret_recovery_window_in_days >= 7 && var.wechatpay_secret_recovery_window_in_days <= 30)
    error_message = "wechatpay_secret_recovery_window_in_days must be 0 or between 7 and 30."
  }
}

variable "wechatpay_private_key_pem" {
  description = "Merchant API private key (PEM), written into the secret this module creates (create_wechatpay_secret = true, then required). Ends up in the Terraform state: pass it as TF_VAR_wechatpay_private_key_pem, keep the state encrypted, or bring your own secret instead."
  type        = string
  default     = null
  sensitive   = true
}

variable "wechatpay_public_key_pem" {
  description = "WeChat Pay public key (PEM), written into the secret this module creates under wechatpay_public_key_id (create_wechatpay_secret = true; it or wechatpay_platform_certificates_pem is required). Ends up in the Terraform state."
  type        = string
  default     = null
  sensitive   = true
}

variable "wechatpay_platform_certificates_pem" {
  description = "Optional WeChat Pay platform certificate bundle (PEM), stored as \"platform_certificates\" in the secret this module creates."
  type        = string
  default     = null
  sensitive   = true
}

variable "kms_key_arn" {
  description = "Optional customer-managed KMS key ARN encrypting both functions' environment, the created secret, the queues and the alarm topic. Also pass it when an existing secret uses a customer key. The roles get kms:Decrypt on exactly this key (the sqs role also kms:GenerateDataKey, for the DLQ; the scheduler role kms:GenerateDataKey and kms:Decrypt, through SQS, to send to the queues); its key policy must allow them, the deploying principal (kms:CreateGrant, kms:Encrypt, kms:Decrypt, kms:DescribeKey) and CloudWatch (for the alarm topic)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

################################################################################
# API Gateway HTTP API
################################################################################

variable "api_authorization_type" {
  description = "Authorization of the close routes (POST and DELETE): \"AWS_IAM\" (SigV4-signed callers holding execute-api:Invoke) or \"JWT\" (jwt_issuer and jwt_audience required)."
  type        = string
  default     = "AWS_IAM"

  validation {
    condition     = contains(["AWS_IAM", "JWT"], var.api_authorization_type)
    error_message = "api_authorization_type must be \"AWS_IAM\" or \"JWT\"."
  }
}

variable "jwt_issuer" {
  description = "Issuer URL of the JWT authorizer (api_authorization_type = \"JWT\")."
  type        = string
  default     = null

  validation {
    condition     = var.jwt_issuer == null ? true : startswith(var.jwt_issuer, "https://")
    error_message = "jwt_issuer must be an https:// URL."
  }
}

variable "jwt_audience" {
  description = "Accepted audiences (aud / client_id) of the JWT authorizer."
  type        = list(string)
  default     = []
}

variable "jwt_authorization_scopes" {
  description = "Scopes a JWT must carry to call the close routes, POST and DELETE (one of them); required when api_authorization_type = \"JWT\"."
  type        = list(string)
  default     = []
}

variable "api_integration_timeout_milliseconds" {
  description = "Integration timeout of the HTTP API in ms. Null means min(29000, http_function_timeout_seconds * 1000 + 1000). Must be below 30000 and above wechatpay_timeout_seconds * 1000."
  type        = number
  default     = null

  validation {
    condition     = var.api_integration_timeout_milliseconds == null ? true : (var.api_integration_timeout_milliseconds >= 1000 && var.api_integration_timeout_milliseconds < 30000)
    error_message = "api_integration_timeout_milliseconds must be at least 1000 and below 30000."
  }
}

variable "api_throttling_burst_limit" {
  description = "Burst limit (requests) of each close route (POST, DELETE)."
  type        = number
  default     = 50

  validation {
    condition     = var.api_throttling_burst_limit >= 1 && floor(var.api_throttling_burst_limit) == var.api_throttling_burst_limit
    error_message = "api_throttling_burst_limit must be a whole number >= 1."
  }
}

variable "api_throttling_rate_limit" {
  description = "Steady-state rate limit (requests per second) of each close route (POST, DELETE)."
  type        = number
  default     = 25

  validation {
    condition     = var.api_throttling_rate_limit > 0
    error_message = "api_throttling_rate_limit must be > 0."
  }
}

variable "api_detailed_metrics_enabled" {
  description = "Publish per-route CloudWatch metrics for the HTTP API."
  type        = bool
  default     = false
}

################################################################################
# SQS
################################################################################

variable "queue_visibility_timeout_seconds" {
  description = "Visibility timeout of the command queue. Null means 6 x sqs_function_timeout_seconds + sqs_maximum_batching_window_seconds; a smaller value is refused at plan time."
  type        = number
  default     = null

  validation {
    condition     = var.queue_visibility_timeout_seconds == null ? true : (var.queue_visibility_timeout_seconds >= 0 && var.queue_visibility_timeout_seconds <= 43200)
    error_message = "queue_visibility_timeout_seconds must be between 0 and 43200."
  }
}

variable "queue_message_retention_seconds" {
  description = "How long the command queue keeps a message (seconds)."
  type        = number
  default     = 345600

  validation {
    condition     = var.queue_message_retention_seconds >= 60 && var.queue_message_retention_seconds <= 1209600
    error_message = "queue_message_retention_seconds must be between 60 and 1209600."
  }
}

variable "dlq_message_retention_seconds" {
  description = "How long the dead-letter queue keeps a message (seconds); must exceed queue_message_retention_seconds because a message keeps its original enqueue time."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dlq_message_retention_seconds >= 60 && var.dlq_message_retention_seconds <= 1209600
    error_message = "dlq_message_retention_seconds must be between 60 and 1209600."
  }
}

variable "max_receive_count" {
  description = "Receives after which a failing message moves to the dead-letter queue (redrive maxReceiveCount). Null: the fewest that outlast queue_outage_budget_seconds of WeChat Pay outage with the function's growing waits (54 with the defaults); set, it must be at least that."
  type        = number
  default     = null

  validation {
    condition     = var.max_receive_count == null ? true : var.max_receive_count >= 1 && var.max_receive_count <= 1000 && floor(var.max_receive_count) == var.max_receive_count
    error_message = "max_receive_count must be a whole number between 1 and 1000."
  }
}

variable "queue_outage_budget_seconds" {
  description = "How long a WeChat Pay outage (or rate limiting) may last without a queued close reaching the dead-letter queue: each failing message comes back after a wait that doubles with its receives (sqs_backoff_first_seconds up to sqs_backoff_max_seconds), and max_receive_count and the queue's retention are held to cover it."
  type        = number
  default     = 86400

  validation {
    condition     = var.queue_outage_budget_seconds >= 600 && var.queue_outage_budget_seconds <= 604800
    error_message = "queue_outage_budget_seconds must be between 600 (10 minutes) and 604800 (7 days)."
  }
}

variable "sqs_backoff_first_seconds" {
  description = "How long a queued close failing for a transient cause (WeChat Pay 5xx, timeout, connection failure, 429) is handed back for after its first receive (SQS_BACKOFF_FIRST); doubled after each further receive, each wait drawn between half and all of it."
  type        = number
  default     = 60

  validation {
    condition     = var.sqs_backoff_first_seconds >= 1 && var.sqs_backoff_first_seconds <= 3600
    error_message = "sqs_backoff_first_seconds must be between 1 and 3600."
  }
}

variable "sqs_backoff_max_seconds" {
  description = "The longest a queued close is handed back for (SQS_BACKOFF_MAX); at most SQS's 12 hours, at least sqs_backoff_first_seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.sqs_backoff_max_seconds >= 1 && var.sqs_backoff_max_seconds <= 43200
    error_message = "sqs_backoff_max_seconds must be between 1 and 43200 (SQS's longest visibility timeout)."
  }
}

variable "fifo_queue" {
  description = "Make the command queue and its dead-letter queue FIFO (names ending .fifo, content-based deduplication): the function then closes each message group's messages in order. Needs sqs_maximum_batching_window_seconds = 0 (at most 10 messages a batch). The scheduler's dead-letter queue stays standard (EventBridge Scheduler takes no FIFO one)."
  type        = bool
  default     = false
}

variable "sqs_max_concurrent_closes" {
  description = "Closes of one standard-queue batch in flight at once, SQS_MAX_CONCURRENCY of the sqs function (FIFO batches close each message group in order)."
  type        = number
  default     = 10

  validation {
    condition     = var.sqs_max_concurrent_closes >= 1 && var.sqs_max_concurrent_closes <= 100 && floor(var.sqs_max_concurrent_closes) == var.sqs_max_concurrent_closes
    error_message = "sqs_max_concurrent_closes must be a whole number between 1 and 100."
  }
}

variable "queue_producer_principal_arns" {
  description = "IAM roles and users (ARNs) that may send close commands: the command queue's policy allows them sqs:SendMessage and denies it to every other principal, in this account too (except the scheduler role, with enable_scheduled_close). Empty means nobody can send until you name them. Also name whoever moves messages back from the dead-letter queue (start-message-move-task sends as its caller)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.queue_producer_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "queue_producer_principal_arns must be IAM role or user ARNs (arn:aws:iam::<account>:role/<name>), not an account root or a wildcard."
  }
}

variable "sqs_batch_size" {
  description = "Maximum messages per invocation of the queue function. Bounded at plan time by what one invocation can close within its timeout: ceil(sqs_batch_size / sqs_max_concurrent_closes) rounds (FIFO: sqs_batch_size) of wechatpay_timeout_seconds each must fit in sqs_function_timeout_seconds - 1."
  type        = number
  default     = 5

  validation {
    condition     = var.sqs_batch_size >= 1 && var.sqs_batch_size <= 10000 && floor(var.sqs_batch_size) == var.sqs_batch_size
    error_message = "sqs_batch_size must be a whole number between 1 and 10000."
  }
}

variable "sqs_maximum_batching_window_seconds" {
  description = "Seconds the event source mapping may wait to fill a batch (required > 0 when sqs_batch_size > 10)."
  type        = number
  default     = 0

  validation {
    condition     = var.sqs_maximum_batching_window_seconds >= 0 && var.sqs_maximum_batching_window_seconds <= 300
    error_message = "sqs_maximum_batching_window_seconds must be between 0 and 300."
  }
}

variable "sqs_maximum_concurrency" {
  description = "Maximum concurrent invocations the SQS event source mapping may drive (2-1000)."
  type        = number
  default     = 5

  validation {
    condition     = var.sqs_maximum_concurrency >= 2 && var.sqs_maximum_concurrency <= 1000 && floor(var.sqs_maximum_concurrency) == var.sqs_maximum_concurrency
    error_message = "sqs_maximum_concurrency must be a whole number between 2 and 1000."
  }
}

################################################################################
# Closes scheduled at a deadline (scheduler.tf)
################################################################################

variable "enable_scheduled_close" {
  description = "Let the http function schedule a close at a deadline (POST with close_at) and cancel it (DELETE): an EventBridge Scheduler schedule group \"<name>\", the role the scheduler sends to the command queue as, its dead-letter queue \"<name>-scheduler-dlq\", their alarms, and the http function's permission to manage schedules in that group and pass that role. False: none of these, and the function answers close_at and DELETE with 501 SCHEDULED_CLOSE_DISABLED."
  type        = bool
  default     = true
}

variable "scheduled_close_max_ahead" {
  description = "How far ahead a close may be scheduled, an ISO-8601 duration of days, hours, minutes or seconds (P30D, PT12H, P1DT12H), SCHEDULE_MAX_AHEAD of the http function: a close_at beyond it is answered 400."
  type        = string
  default     = "P30D"

  validation {
    condition     = can(regex("^P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$", var.scheduled_close_max_ahead)) && !endswith(var.scheduled_close_max_ahead, "T") && can(regex("[1-9]", var.scheduled_close_max_ahead))
    error_message = "scheduled_close_max_ahead must be a positive ISO-8601 duration of days, hours, minutes or seconds, such as P30D, PT12H or P1DT12H (no years, months or weeks: the function reads it as a java.time.Duration)."
  }
}

################################################################################
# Logs and alarms
################################################################################

variable "log_retention_in_days" {
  description = "Retention of the function and API access log groups."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_in_days)
    error_message = "log_retention_in_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ..., 3653); \"never expire\" is not allowed here."
  }
}

variable "log_group_kms_key_arn" {
  description = "Optional KMS key ARN encrypting the log groups (its key policy must allow logs.<region>.amazonaws.com)."
  type        = string
  default     = null
}

variable "create_alarm_sns_topic" {
  description = "Create an SNS topic that receives every alarm (and OK) notification."
  type        = bool
  default     = false
}

variable "alarm_sns_topic_arn" {
  description = "Existing SNS topic ARN for alarm notifications (when create_alarm_sns_topic = false). Null with create_alarm_sns_topic = false means alarms without actions."
  type        = string
  default     = null
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the created alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []
}

variable "alarm_period_seconds" {
  description = "Period of the function and API alarms in seconds."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 300, 900, 3600], var.alarm_period_seconds)
    error_message = "alarm_period_seconds must be 60, 300, 900 or 3600."
  }
}

variable "function_errors_alarm_threshold" {
  description = "A function alarm fires when its Errors sum in one period is above this number."
  type        = number
  default     = 0

  validation {
    condition     = var.function_errors_alarm_threshold >= 0
    error_message = "function_errors_alarm_threshold must be >= 0."
  }
}

variable "queue_oldest_message_age_alarm_seconds" {
  description = "The queue alarm fires when the oldest close command has waited longer than this (seconds). The default, 600, is past one failed receive (the visibility timeout, 360 s by default) and well before the dead-letter queue."
  type        = number
  default     = 600

  validation {
    condition     = var.queue_oldest_message_age_alarm_seconds >= 60
    error_message = "queue_oldest_message_age_alarm_seconds must be at least 60."
  }
}

variable "function_duration_alarm_percent_of_timeout" {
  description = "A function's duration alarm fires when an invocation takes more than this percentage of its timeout."
  type        = number
  default     = 80

  validation {
    condition     = var.function_duration_alarm_percent_of_timeout > 0 && var.function_duration_alarm_percent_of_timeout < 100
    error_message = "function_duration_alarm_percent_of_timeout must be in (0, 100)."
  }
}

variable "sqs_batch_item_failures_alarm_threshold" {
  description = "The batch item failures alarm fires when the sqs function reports more failed messages than this in one period."
  type        = number
  default     = 0

  validation {
    condition     = var.sqs_batch_item_failures_alarm_threshold >= 0
    error_message = "sqs_batch_item_failures_alarm_threshold must be >= 0."
  }
}

variable "api_rate_alarm_min_requests" {
  description = "The API's rate alarms (5xx, 4xx, 429) judge a period only when it had at least this many requests: a handful of requests at night (a scanner, one caller's retries) is no rate worth paging for."
  type        = number
  default     = 20

  validation {
    condition     = var.api_rate_alarm_min_requests >= 1
    error_message = "api_rate_alarm_min_requests must be at least 1."
  }
}

variable "api_4xx_rate_alarm_threshold_percent" {
  description = "The API 4xx alarm fires when 4xx responses exceed this percentage of requests in one period."
  type        = number
  default     = 10

  validation {
    condition     = var.api_4xx_rate_alarm_threshold_percent > 0 && var.api_4xx_rate_alarm_threshold_percent <= 100
    error_message = "api_4xx_rate_alarm_threshold_percent must be in (0, 100]."
  }
}

variable "api_429_rate_alarm_threshold_percent" {
  description = "The API 429 alarm fires when 429 responses (stage throttling or WeChat Pay's frequency limit) exceed this percentage of requests in one period."
  type        = number
  default     = 1

  validation {
    condition     = var.api_429_rate_alarm_threshold_percent > 0 && var.api_429_rate_alarm_threshold_percent <= 100
    error_message = "api_429_rate_alarm_threshold_percent must be in (0, 100]."
  }
}

variable "api_5xx_rate_alarm_threshold_percent" {
  description = "The API alarm fires when 5xx responses exceed this percentage of requests in one period."
  type        = number
  default     = 5

  validation {
    condition     = var.api_5xx_rate_alarm_threshold_percent > 0 && var.api_5xx_rate_alarm_threshold_percent <= 100
    error_message = "api_5xx_rate_alarm_threshold_percent must be in (0, 100]."
  }
}
