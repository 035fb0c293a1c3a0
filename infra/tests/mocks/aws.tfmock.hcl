# Mock data shared by every tests/*.tftest.hcl (mock_provider "aws" { source = "./tests/mocks" },
# Terraform >= 1.7). Resources need no defaults: the mocked provider fills computed attributes.

# The role policies are planned from these documents: give them a well-formed policy.
mock_data "aws_iam_policy_document" {
  defaults = {
    json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
  }
}

mock_data "aws_region" {
  defaults = {
    name   = "ap-east-1"
    region = "ap-east-1"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition = "aws"
  }
}

# The scheduler role's trust (aws:SourceAccount) and the function's schedule ARNs.
mock_data "aws_caller_identity" {
  defaults = {
    account_id = "123456789012"
  }
}
