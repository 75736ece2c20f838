package org.xdsi.registry.patient;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;

/**
 * How a feed message was handled, i.e. what goes into MSA and ERR of the ACK.
 *
 * @param errorSegment segment of the offending field (e.g. {@code PID}), null when there is no location
 * @param errorField   field position in that segment, 0 when the whole segment is meant
 */
record FeedOutcome(AcknowledgmentCode ack, ErrorCode error, String text, String errorSegment, int errorField) {

    static FeedOutcome accepted(String text) {
        return new FeedOutcome(AcknowledgmentCode.AA, null, text, null, 0);
    }

    static FeedOutcome error(ErrorCode error, String text, String segment, int field) {
        return new FeedOutcome(AcknowledgmentCode.AE, error, text, segment, field);
    }

    static FeedOutcome reject(ErrorCode error, String text, String segment, int field) {
        return new FeedOutcome(AcknowledgmentCode.AR, error, text, segment, field);
    }

    /** Thrown while reading a message so that the handler can answer without nested ifs. */
    static final class Failure extends Exception {
        private final transient FeedOutcome outcome;

        Failure(FeedOutcome outcome) {
            super(outcome.text(), null, false, false);
            this.outcome = outcome;
        }

        FeedOutcome outcome() {
            return outcome;
        }
    }
}
