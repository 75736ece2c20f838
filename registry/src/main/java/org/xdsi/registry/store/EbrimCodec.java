package org.xdsi.registry.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The stored form of an ebRIM fragment: its UTF-8 text deflated against a fixed dictionary of XDS boilerplate
 * (element and slot names, classification schemes, object types). An entry's XML is mostly that boilerplate, so
 * a 7 KB DocumentEntry stores in under 1 KB, which is most of the registry's disk and of what a database writes
 * per submission.
 *
 * <p>The first byte names the format, so a later dictionary can be added without rewriting stored rows:
 * {@code 1} = raw deflate with {@code ebrim-deflate-dictionary-1.xml}. That dictionary must never change.
 */
public final class EbrimCodec {
    private static final byte FORMAT_1 = 1;
    private static final byte[] DICTIONARY_1 = resource("ebrim-deflate-dictionary-1.xml");
    // a Deflater holds ~300 KB of native state: one per thread, reset between uses
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(6, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private EbrimCodec() {
    }

    public static byte[] encode(String xml) {
        return encode(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes the fragment's UTF-8 text. */
    public static byte[] encode(byte[] text) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setDictionary(DICTIONARY_1);
        deflater.setInput(text);
        deflater.finish();
        byte[] out = new byte[Math.max(64, text.length / 4)];
        out[0] = FORMAT_1;
        int length = 1;
        while (!deflater.finished()) {
            if (length == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            length += deflater.deflate(out, length, out.length - length);
        }
        return Arrays.copyOf(out, length);
    }

    public static String decode(byte[] stored) {
        if (stored == null || stored.length == 0 || stored[0] != FORMAT_1) {
            throw new IllegalStateException("stored registry object in an unknown format");
        }
        Inflater inflater = INFLATER.get();
        inflater.reset();
        // raw deflate carries no dictionary id: the dictionary is set before the first byte
        inflater.setDictionary(DICTIONARY_1);
        inflater.setInput(stored, 1, stored.length - 1);
        byte[] out = new byte[Math.max(256, stored.length * 10)];
        int length = 0;
        try {
            while (!inflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("stored registry object is truncated");
                }
                length += n;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored registry object is corrupt", e);
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = EbrimCodec.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
