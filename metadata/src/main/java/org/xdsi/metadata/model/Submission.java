package org.xdsi.metadata.model;

import java.util.List;

/** The content of one SubmitObjectsRequest, sorted by kind of object. */
public record Submission(List<SubmissionSet> submissionSets, List<DocumentEntry> documents, List<Folder> folders,
                         List<Association> associations) {

    /** The single SubmissionSet, or null when the submission has none (or several: validation reports that). */
    public SubmissionSet submissionSet() {
        return submissionSets.size() == 1 ? submissionSets.get(0) : null;
    }
}
