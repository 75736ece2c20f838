package org.xdsi.imaging.stow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A STOW-RS store instances response (PS3.18 10.5.3) in DICOM JSON ({@code application/dicom+json}): the Retrieve
 * URL (0008,1190) of the study when the stored instances belong to one, the stored instances in Referenced SOP
 * Sequence (0008,1199), the refused ones in Failed SOP Sequence (0008,1198). Written by
 * the STOW-RS service and read by {@code xdsi import}, which works against any STOW-RS server.
 *
 * <p>An instance that was stored already is referenced with Warning Reason (0008,1196) {@link #ALREADY_STORED},
 * the DIMSE "Duplicate SOP instance" status (PS3.7 C.4): the archive is unchanged. A refused instance carries Error
 * Comment (0000,0902) with the reason in words, beside the Failure Reason (0008,1197) code.
 */
public record StoreResponse(String retrieveUrl, List<Referenced> referenced, List<Failed> failed) {
    public static final int ALREADY_STORED = 0x0111;

    static final String REFERENCED_SOP_SEQUENCE = "00081199";
    static final String FAILED_SOP_SEQUENCE = "00081198";
    static final String REFERENCED_SOP_CLASS_UID = "00081150";
    static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    static final String RETRIEVE_URL = "00081190";
    static final String WARNING_REASON = "00081196";
    static final String FAILURE_REASON = "00081197";
    static final String ERROR_COMMENT = "00000902";

    /** A stored instance; {@code warningReason} null when there is none. */
    public record Referenced(String sopClassUid, String sopInstanceUid, String retrieveUrl, Integer warningReason) {
        public boolean alreadyStored() {
            return warningReason != null && warningReason == ALREADY_STORED;
        }
    }

    /** A refused instance; the UIDs are null when it could not be parsed, {@code comment} null when not given. */
    public record Failed(String sopClassUid, String sopInstanceUid, int failureReason, String comment) {
    }

    public StoreResponse {
        referenced = List.copyOf(referenced);
        failed = List.copyOf(failed);
    }

    /** 200 all stored, 202 some refused, 409 all refused (PS3.18 table 10.5.3-1). */
    public int httpStatus() {
        if (failed.isEmpty()) {
            return 200;
        }
        return referenced.isEmpty() ? 409 : 202;
    }

    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        boolean first = attribute(b, RETRIEVE_URL, "UR", retrieveUrl == null ? null : Json.quote(retrieveUrl), true);
        if (!referenced.isEmpty()) {
            if (!first) {
                b.append(',');
            }
            b.append('"').append(REFERENCED_SOP_SEQUENCE).append("\":{\"vr\":\"SQ\",\"Value\":[");
            for (int i = 0; i < referenced.size(); i++) {
                Referenced r = referenced.get(i);
                b.append(i > 0 ? ",{" : "{");
                boolean f = uid(b, REFERENCED_SOP_CLASS_UID, r.sopClassUid(), true);
                f = uid(b, REFERENCED_SOP_INSTANCE_UID, r.sopInstanceUid(), f);
                f = attribute(b, RETRIEVE_URL, "UR", r.retrieveUrl() == null ? null : Json.quote(r.retrieveUrl()), f);
                attribute(b, WARNING_REASON, "US", r.warningReason() == null ? null : r.warningReason().toString(), f);
                b.append('}');
            }
            b.append("]}");
            first = false;
        }
        if (!failed.isEmpty()) {
            if (!first) {
                b.append(',');
            }
            b.append('"').append(FAILED_SOP_SEQUENCE).append("\":{\"vr\":\"SQ\",\"Value\":[");
            for (int i = 0; i < failed.size(); i++) {
                Failed x = failed.get(i);
                b.append(i > 0 ? ",{" : "{");
                boolean f = uid(b, REFERENCED_SOP_CLASS_UID, x.sopClassUid(), true);
                f = uid(b, REFERENCED_SOP_INSTANCE_UID, x.sopInstanceUid(), f);
                f = attribute(b, FAILURE_REASON, "US", Integer.toString(x.failureReason()), f);
                attribute(b, ERROR_COMMENT, "LO", x.comment() == null ? null : Json.quote(lo(x.comment())), f);
                b.append('}');
            }
            b.append("]}");
        }
        return b.append('}').toString();
    }

    /**
     * Reads a store response.
     *
     * @throws IllegalArgumentException not JSON, or not shaped like a DICOM JSON data set
     */
    public static StoreResponse parse(String json) {
        Object root = Json.parse(json);
        if (!(root instanceof Map<?, ?> ds)) {
            throw new IllegalArgumentException("a store response is a JSON object");
        }
        List<Referenced> referenced = new ArrayList<>();
        for (Map<?, ?> item : items(ds, REFERENCED_SOP_SEQUENCE)) {
            Long warning = number(item, WARNING_REASON);
            referenced.add(new Referenced(string(item, REFERENCED_SOP_CLASS_UID),
                    string(item, REFERENCED_SOP_INSTANCE_UID), string(item, RETRIEVE_URL),
                    warning == null ? null : warning.intValue()));
        }
        List<Failed> failed = new ArrayList<>();
        for (Map<?, ?> item : items(ds, FAILED_SOP_SEQUENCE)) {
            Long reason = number(item, FAILURE_REASON);
            failed.add(new Failed(string(item, REFERENCED_SOP_CLASS_UID), string(item, REFERENCED_SOP_INSTANCE_UID),
                    reason == null ? 0x0110 : reason.intValue(), string(item, ERROR_COMMENT)));
        }
        Object url = ds.get(RETRIEVE_URL) instanceof Map<?, ?> attr && attr.get("Value") instanceof List<?> v
                && !v.isEmpty() ? v.get(0) : null;
        return new StoreResponse(url == null ? null : url.toString(), referenced, failed);
    }

    /** The meaning of a Failure Reason code (PS3.18 10.5.3, PS3.4 B.2.3, PS3.7 C.4). */
    public static String describeFailure(int code) {
        return switch (code) {
            case 0xA700 -> "refused: out of resources";
            case 0xA900 -> "error: data set does not match SOP class";
            case 0xC000 -> "error: cannot understand";
            case 0xC122 -> "transfer syntax not supported";
            case 0x0110 -> "processing failure";
            case 0x0122 -> "SOP class not supported";
            case 0x0124 -> "not authorized";
            default -> String.format("failure %04XH", code);
        };
    }

    private static boolean uid(StringBuilder b, String tag, String uid, boolean first) {
        return attribute(b, tag, "UI", uid == null ? null : Json.quote(uid), first);
    }

    /** Appends {@code "tag":{"vr":vr,"Value":[value]}} (value already JSON); returns whether still first. */
    private static boolean attribute(StringBuilder b, String tag, String vr, String jsonValue, boolean first) {
        if (jsonValue == null) {
            return first;
        }
        if (!first) {
            b.append(',');
        }
        b.append('"').append(tag).append("\":{\"vr\":\"").append(vr).append("\",\"Value\":[").append(jsonValue)
                .append("]}");
        return false;
    }

    /**
     * One line, without the backslash that separates values. Longer than the 64 characters of LO when the reason
     * needs it: a reason cut short helps nobody, and JSON readers do not enforce VR lengths.
     */
    private static String lo(String s) {
        String one = s.replace('\\', ' ').replaceAll("\\s+", " ").strip();
        return one.length() <= 1024 ? one : one.substring(0, 1021) + "...";
    }

    private static List<Map<?, ?>> items(Map<?, ?> ds, String tag) {
        Object a = ds.get(tag);
        if (a == null) {
            return List.of();
        }
        if (!(a instanceof Map<?, ?> attr) || !(attr.get("Value") instanceof List<?> values)) {
            return List.of();
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Map<?, ?> m) {
                out.add(m);
            }
        }
        return out;
    }

    private static Object first(Map<?, ?> item, String tag) {
        if (!(item.get(tag) instanceof Map<?, ?> attr) || !(attr.get("Value") instanceof List<?> values)
                || values.isEmpty()) {
            return null;
        }
        return values.get(0);
    }

    private static String string(Map<?, ?> item, String tag) {
        Object v = first(item, tag);
        return v == null ? null : v.toString();
    }

    private static Long number(Map<?, ?> item, String tag) {
        Object v = first(item, tag);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
