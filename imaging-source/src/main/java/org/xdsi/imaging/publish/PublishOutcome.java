package org.xdsi.imaging.publish;

/**
 * What one publication attempt came to.
 *
 * @param publication the study's state afterwards (null for an unknown study)
 * @param message     one line for people: what was published, or why not
 */
public record PublishOutcome(Result result, String message, Publication publication) {
    public enum Result {
        /** The current manifest covers the study (published now, or already). */
        PUBLISHED,
        /** No such study in the index. */
        UNKNOWN_STUDY,
        /** Not published and not retried by itself: see the message. */
        HELD,
        /** Not published; retried with back-off. */
        FAILED,
        /** The worker found the study not quiet yet; nothing was sent. */
        WAITING
    }
}
