package org.xdsi.imaging.publish;

import java.time.Instant;

/**
 * The publication record of one study.
 *
 * @param studyRevision     the study's revision in the index now (-1 when the study is gone)
 * @param publishedRevision the revision the current manifest covers; 0 = never published
 * @param manifestUid       current manifest's SOP Instance UID = DocumentEntry uniqueId, or null
 * @param entryUuid         current manifest's DocumentEntry entryUUID, or null
 * @param attempts          failed attempts since the last success
 * @param nextAttemptAt     when the worker tries next, or null
 * @param lastError         why the last attempt failed or the study is held, or null
 */
public record Publication(String studyUid, PublicationState state, long studyRevision, long publishedRevision,
                          String manifestUid, String entryUuid, int attempts, Instant nextAttemptAt,
                          String lastError, Instant updatedAt, Instant publishedAt) {

    /** As JSON (the admin resource's answer); null values are written as null. */
    public String toJson() {
        return "{\"studyInstanceUid\":" + Json.string(studyUid) + ",\"state\":" + Json.string(state.name())
                + ",\"studyRevision\":" + studyRevision + ",\"publishedRevision\":" + publishedRevision
                + ",\"manifestUid\":" + Json.string(manifestUid) + ",\"entryUuid\":" + Json.string(entryUuid)
                + ",\"attempts\":" + attempts + ",\"nextAttemptAt\":" + Json.string(str(nextAttemptAt))
                + ",\"lastError\":" + Json.string(lastError) + ",\"updatedAt\":" + Json.string(str(updatedAt))
                + ",\"publishedAt\":" + Json.string(str(publishedAt)) + "}";
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
