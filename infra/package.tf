################################################################################
# The deployment package through S3, when it is too large for a direct upload
# (local.lambda_upload_via_s3, main.tf): the aot package, with its own Java
# runtime and AOT cache, is usually above Lambda's 50 MB direct-upload limit.
# The bucket is created here unless lambda_package_bucket names one of yours.
# Lambda copies the code when a version is published, so old objects are only
# kept for a while, to redeploy from; the bucket holds build output, no secrets.
################################################################################

locals {
  # Bucket names are lower case, without "_"; bucket_prefix allows 37 characters.
  package_bucket_prefix = "${substr(replace(lower(var.name), "_", "-"), 0, 27)}-package-"
}

resource "aws_s3_bucket" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket_prefix = local.package_bucket_prefix
  # Only copies of target/*.zip live here: destroying the stack may empty it.
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_ownership_controls" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket = aws_s3_bucket.package[0].id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket                  = aws_s3_bucket.package[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket = aws_s3_bucket.package[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

# SSE-S3: the package holds no key material (the keys stay in Secrets Manager), and
# a customer key here would also need kms:Decrypt for whoever deploys.
resource "aws_s3_bucket_server_side_encryption_configuration" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket = aws_s3_bucket.package[0].id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket = aws_s3_bucket.package[0].id
  rule {
    id     = "expire-replaced-packages"
    status = "Enabled"
    filter {}

    # Replaced builds: the newest few stay for 30 days, to roll back by pointing a
    # function at an older s3_object_version.
    noncurrent_version_expiration {
      noncurrent_days           = 30
      newer_noncurrent_versions = 5
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.package]
}

# Deny statements with wildcards only take away (allow-listed in test/lib/checks.mjs).
data "aws_iam_policy_document" "package_bucket" {
  count = local.create_package_bucket ? 1 : 0

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.package[0].arn, "${aws_s3_bucket.package[0].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "package" {
  count = local.create_package_bucket ? 1 : 0

  bucket = aws_s3_bucket.package[0].id
  policy = data.aws_iam_policy_document.package_bucket[0].json

  depends_on = [aws_s3_bucket_public_access_block.package]
}

resource "aws_s3_object" "package" {
  count = local.lambda_upload_via_s3 ? 1 : 0

  bucket = local.package_bucket
  key    = "${var.name}/${var.package_mode}/${basename(local.lambda_zip_path)}"
  source = local.lambda_zip_path
  # A new build (new hash) uploads a new object version; an unchanged one plans nothing.
  source_hash = local.lambda_zip_sha256
  tags        = var.tags

  # Versioning first, so the object has the version_id the functions pin; and the
  # bucket's encryption and TLS-only policy before any object lands.
  depends_on = [
    aws_s3_bucket_versioning.package,
    aws_s3_bucket_server_side_encryption_configuration.package,
    aws_s3_bucket_policy.package,
  ]
}
