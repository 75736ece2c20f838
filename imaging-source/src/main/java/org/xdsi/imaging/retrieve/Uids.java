package org.xdsi.imaging.retrieve;

import java.util.regex.Pattern;

/** Syntax of the DICOM UIDs that name studies, series, instances and transfer syntaxes in a request. */
public final class Uids {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private Uids() {
    }

    /** The UID, trimmed; a 400 naming {@code what} when it is missing or not a UID (PS3.5 9.1). */
    public static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw HttpProblem.badRequest("the parameter " + what + " is missing");
        }
        String uid = value.trim();
        if (uid.length() > 64 || !UID.matcher(uid).matches()) {
            throw HttpProblem.badRequest(what + " '" + abbreviate(uid) + "' is not a DICOM UID");
        }
        return uid;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
