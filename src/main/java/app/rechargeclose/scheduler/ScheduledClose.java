package app.rechargeclose.scheduler;

import java.time.Instant;

import app.rechargeclose.recharge.CloseCommand;

/** A close scheduled for {@code closeAt} under the schedule {@code name}: a new one, or this recharge's moved. */
public record ScheduledClose(CloseCommand command, Instant closeAt, String name, CloseSchedules.Scheduled kind) {
}
