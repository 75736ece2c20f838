package org.xdsi.registry.patient;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.group.ADT_A39_PATIENT;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A05;
import ca.uhn.hl7v2.model.v25.message.ADT_A39;
import ca.uhn.hl7v2.model.v25.segment.MRG;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * ITI-8 Patient Identity Feed, registry side: turns one HL7 v2 ADT message into calls on the
 * {@link PatientIdentityIndex} and answers with an original-mode ACK. Never throws.
 *
 * <p>Every version (2.3.1, 2.5, ...) is parsed into the v2.5 model: the fields used here (PID-3, MRG-1) have the
 * same shape in all of them. The structure is chosen from MSH-9.1/9.2 rather than MSH-9.3, because 2.3.1 senders
 * often leave MSH-9.3 empty and HAPI's 2.3.1 event map knows no ADT structures.
 */
public final class PatientFeedHandler {

    private static final Logger log = LoggerFactory.getLogger(PatientFeedHandler.class);
    private static final Set<String> REGISTER_EVENTS = Set.of("A01", "A04", "A05", "A08");
    private static final String MERGE_EVENT = "A40";
    private static final String CX_DELIMITERS = "^&~\\|";

    private final String affinityDomainOid;
    private final PatientIdentityIndex index;
    private final HapiContext hapi;

    public PatientFeedHandler(String affinityDomainOid, PatientIdentityIndex index) {
        this.affinityDomainOid = Objects.requireNonNull(affinityDomainOid, "affinityDomainOid").trim();
        this.index = Objects.requireNonNull(index, "index");
        this.hapi = new DefaultHapiContext(new CanonicalModelClassFactory("2.5"));
        // Feeds from the field are rarely conformant; we check the few fields we need ourselves.
        hapi.setValidationContext(ValidationContextFactory.noValidation());
        hapi.getParserConfiguration().setValidating(false);
        hapi.getParserConfiguration().setAllowUnknownVersions(true);
    }

    /**
     * Handles the raw bytes of one message: decoded with the character set of MSH-18, or {@code fallbackCharset}
     * when MSH-18 is empty or unknown. The ACK is encoded with the same character set.
     */
    public byte[] handle(byte[] message, Charset fallbackCharset) {
        Charset charset = Hl7Header.charsetOf(message, fallbackCharset);
        return handle(new String(message, charset)).getBytes(charset);
    }

    /** Handles one message and returns the ACK text, segments terminated by CR. */
    public String handle(String message) {
        Hl7Header header = null;
        FeedOutcome outcome;
        try {
            String text = normalize(message);
            header = Hl7Header.read(text).orElse(null);
            if (header == null || !text.startsWith("MSH")) {
                log.warn("patient feed: rejected a message without MSH segment");
                outcome = FeedOutcome.reject(ErrorCode.APPLICATION_INTERNAL_ERROR,
                        "Not an HL7 v2 message: no MSH segment", "MSH", 0);
            } else {
                outcome = process(text, header);
            }
        } catch (FeedOutcome.Failure failure) {
            outcome = failure.outcome();
        } catch (RuntimeException e) {
            log.error("patient feed: message {} failed", header != null ? header.controlId() : "?", e);
            outcome = FeedOutcome.error(ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "Application internal error: " + e.getClass().getSimpleName(), null, 0);
        }
        return AckWriter.write(header, outcome);
    }

    private FeedOutcome process(String text, Hl7Header header) throws FeedOutcome.Failure {
        String type = header.messageType();
        String event = header.triggerEvent();
        if (!"ADT".equals(type)) {
            log.info("patient feed: rejected unsupported message type {}^{} (MSH-10 {})", type, event, header.controlId());
            return FeedOutcome.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "Unsupported message type " + type, "MSH", 9);
        }
        if (REGISTER_EVENTS.contains(event)) {
            AbstractMessage message = "A05".equals(event)
                    ? new ADT_A05(hapi.getModelClassFactory()) : new ADT_A01(hapi.getModelClassFactory());
            parse(message, text);
            PID pid = message instanceof ADT_A05 a05 ? a05.getPID() : ((ADT_A01) message).getPID();
            return register(event, pid, header.controlId());
        }
        if (MERGE_EVENT.equals(event)) {
            ADT_A39 message = new ADT_A39(hapi.getModelClassFactory());
            parse(message, text);
            return merge(message, header.controlId());
        }
        log.info("patient feed: rejected unsupported event ADT^{} (MSH-10 {})", event, header.controlId());
        return FeedOutcome.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "Unsupported event code " + event, "MSH", 9);
    }

    private FeedOutcome register(String event, PID pid, String controlId) throws FeedOutcome.Failure {
        List<String> ids = new ArrayList<>();
        for (CX cx : requirePatientIds(pid)) {
            domainId(cx).ifPresent(ids::add);
        }
        if (ids.isEmpty()) {
            log.debug("patient feed {}: no identifier of affinity domain {} in PID-3, ignored (MSH-10 {})",
                    event, affinityDomainOid, controlId);
            return FeedOutcome.accepted("No identifier of the affinity domain; message ignored");
        }
        try {
            for (String id : ids) {
                index.register(id);
                log.info("patient feed {} id {} registered (MSH-10 {})", event, id, controlId);
            }
        } catch (RuntimeException e) {
            return indexFailure(controlId, e);
        }
        return FeedOutcome.accepted("Registered " + String.join(", ", ids.stream().map(PatientFeedHandler::idNumber).toList()));
    }

    private FeedOutcome merge(ADT_A39 message, String controlId) throws FeedOutcome.Failure {
        // Check every PATIENT group before merging anything, so that an AE means "nothing done".
        record Merge(String subsumed, String surviving) { }
        List<Merge> merges = new ArrayList<>();
        List<ADT_A39_PATIENT> patients = patients(message);
        for (ADT_A39_PATIENT patient : patients) {
            CX[] surviving = requirePatientIds(patient.getPID());
            CX[] subsumed = requirePriorIds(patient.getMRG());
            Optional<String> survivingId = firstDomainId(surviving);
            List<String> subsumedIds = new ArrayList<>();
            for (CX cx : subsumed) {
                domainId(cx).filter(id -> !id.equals(survivingId.orElse(null))).ifPresent(subsumedIds::add);
            }
            if (survivingId.isEmpty() || subsumedIds.isEmpty()) {
                log.debug("patient feed A40: PID-3/MRG-1 pair outside affinity domain {}, ignored (MSH-10 {})",
                        affinityDomainOid, controlId);
                continue;
            }
            subsumedIds.forEach(id -> merges.add(new Merge(id, survivingId.get())));
        }
        if (merges.isEmpty()) {
            return FeedOutcome.accepted("No identifier of the affinity domain; message ignored");
        }
        try {
            for (Merge m : merges) {
                index.merge(m.subsumed(), m.surviving());
                log.info("patient feed A40 id {} merged into {} (MSH-10 {})", m.subsumed(), m.surviving(), controlId);
            }
        } catch (RuntimeException e) {
            return indexFailure(controlId, e);
        }
        return FeedOutcome.accepted("Merged " + String.join(", ",
                merges.stream().map(m -> idNumber(m.subsumed()) + " into " + idNumber(m.surviving())).toList()));
    }

    private static List<ADT_A39_PATIENT> patients(ADT_A39 message) throws FeedOutcome.Failure {
        try {
            List<ADT_A39_PATIENT> patients = message.getPATIENTAll();
            if (patients.isEmpty()) {
                throw missing("PID segment missing", "PID", 3);
            }
            return patients;
        } catch (HL7Exception e) {
            throw new FeedOutcome.Failure(FeedOutcome.reject(ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "Cannot read PATIENT groups: " + e.getMessage(), null, 0));
        }
    }

    private static CX[] requirePatientIds(PID pid) throws FeedOutcome.Failure {
        if (isEmpty(pid)) {
            throw missing("PID segment missing", "PID", 3);
        }
        CX[] ids = nonEmpty(pid.getPatientIdentifierList());
        if (ids.length == 0) {
            throw missing("PID-3 Patient Identifier List is empty", "PID", 3);
        }
        return ids;
    }

    private static CX[] requirePriorIds(MRG mrg) throws FeedOutcome.Failure {
        CX[] ids = isEmpty(mrg) ? new CX[0] : nonEmpty(mrg.getPriorPatientIdentifierList());
        if (ids.length == 0) {
            throw missing(isEmpty(mrg) ? "MRG segment missing" : "MRG-1 Prior Patient Identifier List is empty",
                    "MRG", 1);
        }
        return ids;
    }

    private static CX[] nonEmpty(CX[] ids) throws FeedOutcome.Failure {
        List<CX> present = new ArrayList<>();
        for (CX cx : ids) {
            if (!value(cx.getIDNumber().getValue()).isEmpty()) {
                present.add(cx);
            }
        }
        return present.toArray(CX[]::new);
    }

    private Optional<String> firstDomainId(CX[] ids) {
        for (CX cx : ids) {
            Optional<String> id = domainId(cx);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** The identifier in XDS CX form when it was issued by the affinity domain's assigning authority. */
    private Optional<String> domainId(CX cx) {
        String id = value(cx.getIDNumber().getValue());
        String oid = value(cx.getAssigningAuthority().getUniversalID().getValue());
        String oidType = value(cx.getAssigningAuthority().getUniversalIDType().getValue());
        if (id.isEmpty() || !affinityDomainOid.equals(oid) || !(oidType.isEmpty() || "ISO".equalsIgnoreCase(oidType))) {
            return Optional.empty();
        }
        if (id.chars().anyMatch(c -> CX_DELIMITERS.indexOf(c) >= 0)) {
            // would corrupt the XDS CX string and could never match a submission's patientId
            log.warn("patient feed: identifier '{}' contains an HL7 delimiter, ignored", id);
            return Optional.empty();
        }
        return Optional.of(id + "^^^&" + oid + "&ISO");
    }

    private void parse(AbstractMessage message, String text) throws FeedOutcome.Failure {
        try {
            message.setParser(hapi.getPipeParser());
            message.parse(text);
        } catch (HL7Exception | RuntimeException e) {
            int code = e instanceof HL7Exception hl7 ? hl7.getErrorCode() : ErrorCode.APPLICATION_INTERNAL_ERROR.getCode();
            ErrorCode error = Optional.ofNullable(ErrorCode.errorCodeFor(code)).orElse(ErrorCode.APPLICATION_INTERNAL_ERROR);
            log.warn("patient feed: cannot parse message: {}", e.getMessage());
            throw new FeedOutcome.Failure(FeedOutcome.reject(error, "Cannot parse message: " + e.getMessage(), null, 0));
        }
    }

    private static FeedOutcome indexFailure(String controlId, RuntimeException e) {
        log.error("patient feed: patient identity index failed (MSH-10 {})", controlId, e);
        return FeedOutcome.error(ErrorCode.APPLICATION_INTERNAL_ERROR, "Application internal error", null, 0);
    }

    private static FeedOutcome.Failure missing(String text, String segment, int field) {
        return new FeedOutcome.Failure(FeedOutcome.error(ErrorCode.REQUIRED_FIELD_MISSING, text, segment, field));
    }

    /** CX-1 of an XDS CX, for ACK texts that need no escaping (ids with delimiters are never registered). */
    private static String idNumber(String xdsCx) {
        return xdsCx.substring(0, xdsCx.indexOf('^'));
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            return false; // only thrown for unreadable content, which is not absence
        }
    }

    private static String value(String s) {
        return s == null ? "" : s.trim();
    }

    /** HAPI wants CR between segments; senders also use LF or CRLF, and MLLP peers may add leading blanks. */
    private static String normalize(String message) {
        return message.replace("\r\n", "\r").replace('\n', '\r').strip();
    }
}
