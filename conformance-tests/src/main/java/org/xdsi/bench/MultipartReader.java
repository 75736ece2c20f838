package org.xdsi.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (an MTOM/XOP answer) part by part over one bounded buffer: part bodies are copied out as
 * the delimiter search proceeds, keeping back only the bytes that could start a delimiter, so a document of any
 * size streams through 256 KB. Used by the repository benchmark and the conformance tests' MTOM client.
 */
public final class MultipartReader {
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    /** Boyer-Moore-Horspool shifts for {@link #delimiter}: how far the window may move past a byte. */
    private final int[] shift = new int[256];
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean started;
    private boolean finished;
    private Map<String, String> headers = Map.of();

    public MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        // the first delimiter may open the body without a CRLF before it: start the buffer with one
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** Moves to the next part and reads its headers; false after the closing delimiter. */
    public boolean nextPart() throws IOException {
        if (finished) {
            return false;
        }
        if (!started) {
            skipTo(OutputStream.nullOutputStream()); // the preamble
            started = true;
        }
        ensure(2);
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return false;
        }
        // transport padding, then CRLF
        while (true) {
            ensure(1);
            if (buf[pos] == ' ' || buf[pos] == '\t') {
                pos++;
            } else {
                break;
            }
        }
        ensure(2);
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new IOException("no CRLF after the multipart delimiter");
        }
        // pos stays on the CRLF that ends the delimiter line: the headers end at the next CRLF CRLF, which is
        // this very CRLF followed by another when the part has no headers
        int end;
        while ((end = indexOf(new byte[] {'\r', '\n', '\r', '\n'}, pos)) < 0) {
            if (limit - pos > MAX_HEADERS) {
                throw new IOException("part headers longer than " + MAX_HEADERS + " bytes");
            }
            if (!fill()) {
                throw new EOFException("the answer ended inside part headers");
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        String block = end == pos ? "" : new String(buf, pos + 2, end - pos - 2, StandardCharsets.US_ASCII);
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        headers = h;
        pos = end + 4;
        return true;
    }

    /** The current part's header (name case-insensitive), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Copies the current part's body to {@code out}, up to the next delimiter. */
    public void copyBody(OutputStream out) throws IOException {
        skipTo(out);
    }

    /** The current part's body in memory: only for parts known to be small (the SOAP envelope). */
    public byte[] readBody(int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        skipTo(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (out.size() + len > max) {
                    throw new java.io.UncheckedIOException(new IOException("part longer than " + max + " bytes"));
                }
                out.write(b, off, len);
            }
        });
        return out.toByteArray();
    }

    private void skipTo(OutputStream out) throws IOException {
        while (true) {
            int at = indexOfDelimiter(pos);
            if (at >= 0) {
                out.write(buf, pos, at - pos);
                pos = at + delimiter.length;
                return;
            }
            int safe = limit - (delimiter.length - 1);
            if (safe > pos) {
                out.write(buf, pos, safe - pos);
                pos = safe;
            }
            if (!fill()) {
                throw new EOFException("the answer ended before the multipart delimiter");
            }
        }
    }

    private void ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                throw new EOFException("the answer ended after a multipart delimiter");
            }
        }
    }

    /** Compacts and reads more; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            throw new IOException("multipart buffer full");
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    /** Boyer-Moore-Horspool search of the delimiter in buf[from, limit). */
    private int indexOfDelimiter(int from) {
        int m = delimiter.length;
        int last = m - 1;
        for (int i = from; i <= limit - m; ) {
            byte tail = buf[i + last];
            if (tail == delimiter[last]) {
                int j = last - 1;
                while (j >= 0 && buf[i + j] == delimiter[j]) {
                    j--;
                }
                if (j < 0) {
                    return i;
                }
            }
            i += shift[tail & 0xff];
        }
        return -1;
    }

    private int indexOf(byte[] pattern, int from) {
        byte first = pattern[0];
        int last = limit - pattern.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < pattern.length; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
