package org.plantracker.notification.channel;

/**
 * What one attempt achieved.
 *
 * @param statusCode the far side's answer (an HTTP status), or null when there was none
 * @param error      a short, fixed description of what went wrong, or null on success
 */
public record AttemptResult(boolean success, Integer statusCode, String error) {

    public static AttemptResult succeeded(Integer statusCode) {
        return new AttemptResult(true, statusCode, null);
    }

    public static AttemptResult failed(Integer statusCode, String error) {
        return new AttemptResult(false, statusCode, error);
    }
}
