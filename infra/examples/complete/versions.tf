terraform {
  # >= 1.11: the S3 backend's own lock file (use_lockfile, generally available since 1.11), no DynamoDB table.
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.20"
    }
  }

  # The state holds every resource's attributes (and, when the module creates the secret,
  # its PEMs): encrypted in S3, locked while an apply runs. Partial configuration: bucket,
  # key (one per deployment) and region come from terraform init -backend-config=...
  # (infra/README.md, Deploy). Local state only through a backend_override.tf.
  backend "s3" {
    encrypt      = true
    use_lockfile = true
  }
}
