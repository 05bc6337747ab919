package org.plantracker.notification.channel;

/**
 * What one attempt achieved.
 *
 * @param statusCode the far side's answer (an HTTP status), or null when there was none
 * @param error      a short, fixed description of what went wrong, or null on success
 * @param response   an excerpt of the far side's answer, for the delivery log
 */
public record AttemptResult(boolean success, Integer statusCode, String error, String response) {

    public static AttemptResult succeeded(Integer statusCode, String response) {
        return new AttemptResult(true, statusCode, null, response);
    }

    public static AttemptResult failed(Integer statusCode, String error, String response) {
        return new AttemptResult(false, statusCode, error, response);
    }
}
