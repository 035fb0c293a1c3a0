package app.rechargeclose.scheduler;

/** EventBridge Scheduler could not be asked, or refused: nothing was scheduled or cancelled. The message names no key and no body. */
public final class SchedulerUnavailableException extends RuntimeException {

    public SchedulerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
