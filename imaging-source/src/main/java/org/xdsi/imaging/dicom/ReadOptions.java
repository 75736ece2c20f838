package org.xdsi.imaging.dicom;

/**
 * Limits and choices of a {@link DicomReader}.
 *
 * @param maxValueLength longest value (or sum of fragments) loaded into memory; longer ones fail, unless they are
 *     bulk data left in the input. Guards against a length field that is absurd but backed by enough input.
 * @param maxDepth deepest nesting of sequences
 * @param bulkDataThreshold OB, OD, OF, OL, OV, OW and UN values longer than this are not loaded but recorded as
 *     {@link BulkData} (offset and length) and skipped; encapsulated Pixel Data is then always recorded, since its
 *     length is only known at its end. {@link Long#MAX_VALUE}: load everything.
 * @param stopTag reading a dataset stops at the first top-level element whose tag is at least this one (unsigned
 *     order), before its value; null to read to the end
 * @param allowOddLengths accept odd value lengths (PS3.5 7.1.1 forbids them, some writers produce them)
 */
public record ReadOptions(long maxValueLength, int maxDepth, long bulkDataThreshold, Integer stopTag,
        boolean allowOddLengths) {

    public static final ReadOptions DEFAULT = new ReadOptions(256L << 20, 32, Long.MAX_VALUE, null, false);

    public ReadOptions {
        if (maxValueLength < 0 || maxValueLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxValueLength must be in [0, 2^31-9]: " + maxValueLength);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
        if (bulkDataThreshold < 0) {
            throw new IllegalArgumentException("bulkDataThreshold must not be negative: " + bulkDataThreshold);
        }
    }

    public ReadOptions withMaxValueLength(long v) {
        return new ReadOptions(v, maxDepth, bulkDataThreshold, stopTag, allowOddLengths);
    }

    public ReadOptions withMaxDepth(int v) {
        return new ReadOptions(maxValueLength, v, bulkDataThreshold, stopTag, allowOddLengths);
    }

    public ReadOptions withBulkDataThreshold(long v) {
        return new ReadOptions(maxValueLength, maxDepth, v, stopTag, allowOddLengths);
    }

    /** Stop before the first top-level element with a tag at or beyond {@code tag}, e.g. {@link Tag#PIXEL_DATA}. */
    public ReadOptions withStopTag(Integer tag) {
        return new ReadOptions(maxValueLength, maxDepth, bulkDataThreshold, tag, allowOddLengths);
    }

    public ReadOptions withOddLengthsAllowed(boolean v) {
        return new ReadOptions(maxValueLength, maxDepth, bulkDataThreshold, stopTag, v);
    }

    boolean referencesBulkData() {
        return bulkDataThreshold != Long.MAX_VALUE;
    }
}
