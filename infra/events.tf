################################################################################
# Outcome events (README: Outcome events): every final outcome of a close, put by both
# functions on an EventBridge bus of this deployment (EVENTS_BUS_NAME), for the platform's
# ledger and the teams that integrate with it. Kept in an archive, so a consumer added later
# (or one that lost events) can replay them. Rules that route the events are the consumers'
# (examples/complete has one).
################################################################################

resource "aws_cloudwatch_event_bus" "outcomes" {
  count = var.enable_outcome_events ? 1 : 0

  name = "${var.name}-outcomes"
  tags = var.tags
}

resource "aws_cloudwatch_event_archive" "outcomes" {
  count = var.enable_outcome_events ? 1 : 0

  name             = "${var.name}-outcomes"
  description      = "Every close outcome of ${var.name}, for audit and replay."
  event_source_arn = aws_cloudwatch_event_bus.outcomes[0].arn
  retention_days   = var.outcome_events_archive_retention_days
  event_pattern    = jsonencode({ source = ["recharge-close"] })
}

locals {
  outcome_environment = var.enable_outcome_events ? tomap({ EVENTS_BUS_NAME = aws_cloudwatch_event_bus.outcomes[0].name }) : tomap({})
}
