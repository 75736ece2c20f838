package org.xdsi.imaging.retrieve.dicomweb;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import org.xdsi.imaging.dicom.BulkData;
import org.xdsi.imaging.dicom.DataElement;
import org.xdsi.imaging.dicom.Dataset;
import org.xdsi.imaging.dicom.Tag;
import org.xdsi.imaging.dicom.Vr;

/**
 * Writes a dataset in the DICOM JSON Model (PS3.18 Annex F): one object per dataset, keyed by 8 uppercase hex
 * digits, each attribute with its {@code vr} and, when not empty, a {@code Value} array (numbers for IS, DS and the
 * binary numeric VRs, PersonName objects, nested objects for sequence items), {@code InlineBinary} (base64) for
 * binary values read with the attributes, or {@code BulkDataURI} for the top-level values left in the file (Pixel
 * Data and other large binaries). Group lengths are left out, as the model asks.
 */
final class DicomJson {
    private final Path file;
    private final IntFunction<String> bulkDataUri;
    private final StringBuilder out = new StringBuilder(8192);

    /**
     * @param file        the instance, for nested binary values left in the file (written inline)
     * @param bulkDataUri the URI of a top-level value left in the file, by tag
     */
    DicomJson(Path file, IntFunction<String> bulkDataUri) {
        this.file = file;
        this.bulkDataUri = bulkDataUri;
    }

    /** The JSON object of a top-level dataset. */
    String write(Dataset dataset) throws IOException {
        out.setLength(0);
        object(dataset, true);
        return out.toString();
    }

    private void object(Dataset ds, boolean topLevel) throws IOException {
        out.append('{');
        boolean first = true;
        for (DataElement e : ds) {
            if (Tag.isGroupLength(e.tag()) || Tag.group(e.tag()) == 0x0002) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(String.format("%08X", e.tag())).append("\":{\"vr\":\"").append(e.vr().name())
                    .append('"');
            attribute(ds, e, topLevel);
            out.append('}');
        }
        out.append('}');
    }

    private void attribute(Dataset ds, DataElement e, boolean topLevel) throws IOException {
        switch (e.kind()) {
            case SEQUENCE -> {
                if (!e.items().isEmpty()) {
                    out.append(",\"Value\":[");
                    for (int i = 0; i < e.items().size(); i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        object(e.items().get(i), false);
                    }
                    out.append(']');
                }
            }
            case BULK_DATA -> {
                BulkData bulk = e.bulkData();
                if (topLevel) {
                    out.append(",\"BulkDataURI\":");
                    string(bulkDataUri.apply(e.tag()));
                } else if (!bulk.encapsulated()) {
                    out.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(
                            readFromFile(bulk))).append('"');
                }
            }
            case FRAGMENTS -> {
                out.append(",\"BulkDataURI\":");
                string(bulkDataUri.apply(e.tag()));
            }
            case VALUE -> value(ds, e);
        }
    }

    private void value(Dataset ds, DataElement e) {
        if (e.bytes().length == 0) {
            return;
        }
        Vr vr = e.vr();
        if (vr.isBulk()) {
            out.append(",\"InlineBinary\":\"").append(Base64.getEncoder().encodeToString(e.bytes())).append('"');
            return;
        }
        List<String> values = ds.getStrings(e.tag());
        out.append(",\"Value\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
            switch (vr) {
                case PN -> personName(v);
                case IS, DS, FL, FD, SL, SS, SV, UL, US, UV -> number(v);
                default -> {
                    if (v.isEmpty() && values.size() > 1) {
                        out.append("null");
                    } else {
                        string(v);
                    }
                }
            }
        }
        out.append(']');
    }

    private void number(String v) {
        try {
            out.append(new BigDecimal(v.trim()).toString());
        } catch (NumberFormatException e) {
            out.append("null"); // empty, NaN, infinite or malformed: not a JSON number
        }
    }

    private void personName(String v) {
        if (v.isEmpty()) {
            out.append("null");
            return;
        }
        String[] groups = v.split("=", -1);
        String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
        out.append('{');
        boolean first = true;
        for (int i = 0; i < Math.min(3, groups.length); i++) {
            if (groups[i].isEmpty()) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(names[i]).append("\":");
            string(groups[i]);
        }
        out.append('}');
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A binary value inside a sequence item: inline, as the bulk data service serves top-level values only. */
    private byte[] readFromFile(BulkData bulk) throws IOException {
        if (bulk.length() > 64L << 20) {
            throw new IOException("nested binary value of " + bulk.length() + " bytes");
        }
        byte[] b = new byte[(int) bulk.length()];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(bulk.offset());
            f.readFully(b);
        }
        return b;
    }
}
