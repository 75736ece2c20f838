package org.xdsi.registry.register;

import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.ErrorCollector;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.XdsException;
import org.xdsi.metadata.ebrim.EbrimReader;
import org.xdsi.metadata.hl7.Cx;
import org.xdsi.metadata.model.Association;
import org.xdsi.metadata.model.DocumentEntry;
import org.xdsi.metadata.model.Folder;
import org.xdsi.metadata.model.Submission;
import org.xdsi.metadata.model.SubmissionSet;
import org.xdsi.registry.patient.PatientIdentityIndex;
import org.xdsi.registry.store.RegistryDatabase;
import org.xdsi.registry.store.RegistryStoreException;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.rim.ClassificationType;
import org.xdsi.schema.rim.RegistryPackageType;

/**
 * ITI-42 Register Document Set-b: read, validate everything (reporting every problem), then commit the whole
 * submission in one transaction or nothing.
 */
public final class RegisterHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegisterHandler.class);

    private final RegistryDatabase db;
    private final SubmissionValidator validator;
    private final RegistryLookup lookup;
    private final PatientIdentityIndex patients;
    private final String affinityDomainOid;
    private final boolean acceptUnfedPatients;

    public RegisterHandler(RegistryDatabase db, SubmissionValidator validator, PatientIdentityIndex patients,
                           String affinityDomainOid, boolean acceptUnfedPatients) {
        this(db, validator, patients, new JdbcRegistryLookup(db.dataSource(), patients), affinityDomainOid,
                acceptUnfedPatients);
    }

    /** With the lookup validation reads the registry through (a test puts a concurrent submission there). */
    RegisterHandler(RegistryDatabase db, SubmissionValidator validator, PatientIdentityIndex patients,
                    RegistryLookup lookup, String affinityDomainOid, boolean acceptUnfedPatients) {
        this.db = db;
        this.validator = validator;
        this.patients = patients;
        this.lookup = lookup;
        this.affinityDomainOid = affinityDomainOid;
        this.acceptUnfedPatients = acceptUnfedPatients;
    }

    /** Registers the submission; returns its warnings, or throws with every error found. */
    public List<XdsError> register(SubmitObjectsRequest request) throws XdsException {
        ErrorCollector errors = new ErrorCollector();
        Submission submission = EbrimReader.read(request, errors);
        if (acceptUnfedPatients) {
            registerDomainPatients(submission);
        }
        ResubmittedDocuments resubmitted = validator.validate(submission, lookup, errors);
        errors.throwIfErrors();
        IdAssignment ids = IdAssignment.assign(submission, resubmitted);
        classify(submission);
        try {
            db.inTransaction(c -> {
                new SubmissionWriter(c, ids, resubmitted).write(submission);
                return null;
            });
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                // a concurrent submission took the same SubmissionSet/Folder uniqueId between validation and commit
                throw new XdsException(ErrorCode.XDSDuplicateUniqueIdInRegistry,
                        "a uniqueId of this submission was registered concurrently by another submission");
            }
            LOG.error("ITI-42 database failure", e);
            throw new XdsException(ErrorCode.XDSRegistryError, "the registry database failed; nothing was stored");
        } catch (RegistryStoreException e) {
            LOG.error("ITI-42 database failure", e);
            throw new XdsException(ErrorCode.XDSRegistryError, "the registry database failed; nothing was stored");
        }
        SubmissionSet ss = submission.submissionSet();
        LOG.info("ITI-42 registered submission set {} for {}: {} documents ({} of them already registered), {} "
                + "folders, {} associations", ss.uniqueId(), ss.patientId(), submission.documents().size(),
                resubmitted.size(), submission.folders().size(), submission.associations().size());
        return errors.all();
    }

    /** Demo mode: any patient id of the affinity domain counts as fed. */
    private void registerDomainPatients(Submission submission) {
        submission.submissionSets().forEach(s -> s.patientIds().forEach(this::registerIfDomain));
        submission.documents().forEach(d -> d.patientIds().forEach(this::registerIfDomain));
        submission.folders().forEach(f -> f.patientIds().forEach(this::registerIfDomain));
    }

    private void registerIfDomain(String pid) {
        if (Cx.isValidXdsPatientId(pid) && affinityDomainOid.equals(Cx.assigningAuthority(pid))
                && patients.resolve(pid).isEmpty()) {
            patients.register(pid);
        }
    }

    /** Classifications that sat beside a package in the request go into it, so the stored package is whole. */
    private static void classify(Submission submission) {
        for (SubmissionSet s : submission.submissionSets()) {
            classify(s.ebrim(), Vocabulary.SUBMISSION_SET_NODE);
        }
        for (Folder f : submission.folders()) {
            classify(f.ebrim(), Vocabulary.FOLDER_NODE);
        }
        for (DocumentEntry d : submission.documents()) {
            if (d.ebrim().getObjectType() == null) {
                d.ebrim().setObjectType(Vocabulary.STABLE_DOCUMENT);
            }
        }
        for (Association a : submission.associations()) {
            if (a.ebrim().getObjectType() == null) {
                a.ebrim().setObjectType(Vocabulary.OBJECT_TYPE_ASSOCIATION);
            }
        }
    }

    private static void classify(RegistryPackageType p, String node) {
        if (p.getObjectType() == null) {
            p.setObjectType(Vocabulary.OBJECT_TYPE_REGISTRY_PACKAGE);
        }
        boolean classified = p.getClassification().stream().anyMatch(c -> node.equals(c.getClassificationNode()));
        if (!classified) {
            ClassificationType c = new ClassificationType();
            c.setId(IdAssignment.newUuid());
            c.setObjectType(Vocabulary.OBJECT_TYPE_CLASSIFICATION);
            c.setClassificationNode(node);
            c.setClassifiedObject(p.getId());
            p.getClassification().add(c);
        }
    }
}
