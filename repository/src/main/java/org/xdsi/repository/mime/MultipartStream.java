package org.xdsi.repository.mime;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a MIME multipart body (RFC 2046; MTOM/XOP packages) part by part from a stream, without holding a part in
 * memory: the body of the current part is an {@link InputStream} that ends where the next boundary delimiter
 * starts. Only a fixed buffer is used; a delimiter split across reads of the underlying stream is found all the
 * same, because bytes that could be the start of a delimiter are kept back until the next read decides.
 *
 * <p>The delimiter is searched with Boyer-Moore-Horspool: on document bytes the search looks at about one byte in
 * delimiter-length, so a part costs little more than copying it.
 *
 * <p>Rules (RFC 2046 §5.1.1): a delimiter is {@code CRLF "--" boundary}, followed by {@code "--"} (the close
 * delimiter) or by optional linear white space and CRLF; the CRLF before it belongs to the delimiter, not to the
 * body. The first delimiter may start the stream (no CRLF before it). Text before the first delimiter (preamble)
 * and after the close delimiter (epilogue) is ignored. A {@code "--" boundary} sequence inside a body that is not
 * followed by {@code "--"} or a line end is body data. Lenient where senders are sloppy: a bare LF ends a delimiter
 * or header line, and a stream ending right after a delimiter counts as closed. A stream that ends inside a part
 * fails with an {@link EOFException}, or, with {@link Truncation#ENDS_PART}, ends that part and the message (see
 * {@link #isComplete()}).
 *
 * <pre>{@code
 * try (MultipartStream parts = new MultipartStream(in, boundary)) {
 *     while (parts.next()) {
 *         String id = parts.contentId();
 *         parts.body().transferTo(out);
 *     }
 * }
 * }</pre>
 * Not thread-safe.
 */
public final class MultipartStream implements Closeable {
    public static final int DEFAULT_BUFFER_SIZE = 256 * 1024;
    /** Limit of the header block of one part. */
    public static final int MAX_HEADER_BYTES = 64 * 1024;

    /** What a stream that ends inside a part (or its headers) means. */
    public enum Truncation {
        /** An {@link EOFException}: a cut-off part is never mistaken for a whole one. */
        FAILS,
        /**
         * The part ends there and no part follows; {@link #isComplete()} stays false. For a reader that checks
         * completeness itself once the parts are consumed.
         */
        ENDS_PART
    }

    private static final int NOT_A_DELIMITER = -1;
    private static final int NEED_MORE = -2;

    private final InputStream in;
    private final String boundary;
    private final Truncation truncation;
    private final byte[] delimiter; // CR LF - - boundary
    /** Boyer-Moore-Horspool: how far the search may move on when a window ends with a given byte. */
    private final int[] shift = new int[256];
    private final byte[] buf;
    private int head; // next unread byte
    private int tail; // end of the valid bytes
    private boolean eof;

    /** Positions in [head, scanned) are known to be body bytes (no delimiter starts there). */
    private int scanned;
    /** Start of the confirmed delimiter ending the current body, or -1. */
    private int found = -1;
    /** First byte after the confirmed delimiter (after its line end, or after the closing "--"). */
    private int foundEnd;
    private boolean foundClose;

    private boolean preamble = true;
    private boolean ended;
    private boolean complete;
    private int partNumber;
    private Map<String, String> headers = Map.of();
    private PartBody body;

    public MultipartStream(InputStream in, String boundary) {
        this(in, boundary, DEFAULT_BUFFER_SIZE);
    }

    public MultipartStream(InputStream in, String boundary, int bufferSize) {
        this(in, boundary, bufferSize, Truncation.FAILS);
    }

    /**
     * @param boundary   the {@code boundary} parameter of the Content-Type, without quotes
     * @param bufferSize bytes read ahead (at least the delimiter length plus 16)
     */
    public MultipartStream(InputStream in, String boundary, int bufferSize, Truncation truncation) {
        if (in == null) {
            throw new IllegalArgumentException("no input stream");
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("a multipart boundary has 1 to 70 characters, not '" + boundary + "'");
        }
        this.in = in;
        this.boundary = boundary;
        this.truncation = Objects.requireNonNull(truncation, "truncation");
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        if (bufferSize < delimiter.length + 16) {
            throw new IllegalArgumentException("buffer of " + bufferSize + " bytes is too small for boundary "
                    + boundary);
        }
        Arrays.fill(shift, delimiter.length);
        for (int i = 0; i < delimiter.length - 1; i++) {
            shift[delimiter[i] & 0xff] = delimiter.length - 1 - i;
        }
        this.buf = new byte[bufferSize];
        // a virtual line end before the stream, so that a delimiter at its very start is found like any other
        buf[0] = '\r';
        buf[1] = '\n';
        tail = 2;
    }

    public String boundary() {
        return boundary;
    }

    /**
     * Moves to the next part, skipping what is left of the preamble or of the current part's body.
     *
     * @return false after the close delimiter (the rest of the stream, the epilogue, is not read), or, with
     *         {@link Truncation#ENDS_PART}, once the stream ended
     * @throws EOFException the stream contains no delimiter at all, or (with {@link Truncation#FAILS}) it ended
     *                      before the close delimiter
     */
    public boolean next() throws IOException {
        if (ended) {
            return false;
        }
        skipBody();
        head = foundEnd;
        boolean close = foundClose;
        found = -1;
        scanned = head;
        preamble = false;
        if (close) {
            ended = true;
            headers = Map.of();
            body = null;
            return false;
        }
        partNumber++;
        headers = readHeaders();
        if (headers == null) { // the stream ended inside the headers, and that ends the message
            ended = true;
            headers = Map.of();
            body = null;
            return false;
        }
        body = new PartBody(partNumber);
        return true;
    }

    /**
     * True once the close delimiter was read (or a stream that ended right after a delimiter): every part was
     * complete. False while parts remain, and for good when the stream ended inside a part.
     */
    public boolean isComplete() {
        return complete;
    }

    /** The current part's headers by lower-case name (a repeated header keeps its first value). */
    public Map<String, String> headers() {
        return headers;
    }

    /** A header of the current part, name in any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The current part's Content-ID without its angle brackets, or null. */
    public String contentId() {
        String id = header("content-id");
        if (id == null) {
            return null;
        }
        id = id.trim();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    /** 1 for the first part after the preamble. */
    public int partNumber() {
        return partNumber;
    }

    /**
     * The current part's body; it ends (-1) at the next delimiter and is dead once {@link #next()} moved on.
     * Closing it does not close this stream.
     */
    public InputStream body() {
        if (body == null) {
            throw new IllegalStateException(ended ? "no more parts" : "call next() first");
        }
        return body;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ------------------------------------------------------------------------------------------ body scanning

    /** Extends {@link #scanned} over the buffered bytes, or sets {@link #found} at a confirmed delimiter. */
    private void scan() {
        if (found >= 0) {
            return;
        }
        int m = delimiter.length;
        int last = m - 1;
        byte lastByte = delimiter[last];
        int i = Math.max(scanned, head);
        while (i <= tail - m) {
            byte b = buf[i + last];
            if (b == lastByte && matchesAt(i)) {
                int end = delimiterLineEnd(i + m);
                if (end == NEED_MORE) {
                    scanned = i; // decide after the next read
                    return;
                }
                if (end != NOT_A_DELIMITER) {
                    found = i;
                    foundEnd = end;
                    scanned = i;
                    return;
                }
            }
            i += shift[b & 0xff];
        }
        // no delimiter starts before i (the shifts only skip windows that cannot match, even windows cut by the
        // end of the buffer); one may start in [i, tail) and be completed by the next read
        scanned = eof ? tail : Math.min(i, tail);
    }

    private boolean matchesAt(int at) {
        for (int k = delimiter.length - 2; k >= 0; k--) {
            if (buf[at + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * What follows {@code "--" boundary} at {@code j}: "--" (close), or white space and a line end. Sets
     * {@link #foundClose}; returns the position after the delimiter line, or NOT_A_DELIMITER / NEED_MORE.
     */
    private int delimiterLineEnd(int j) {
        if (j >= tail) {
            return eof ? closedByEndOfStream() : NEED_MORE;
        }
        if (buf[j] == '-') {
            if (j + 1 >= tail) {
                return eof ? closedByEndOfStream() : NEED_MORE;
            }
            if (buf[j + 1] == '-') {
                foundClose = true;
                complete = true;
                return j + 2;
            }
            return NOT_A_DELIMITER;
        }
        int k = j;
        while (k < tail && (buf[k] == ' ' || buf[k] == '\t')) {
            k++;
        }
        if (k >= tail) {
            return eof ? closedByEndOfStream() : NEED_MORE;
        }
        if (buf[k] == '\n') {
            foundClose = false;
            return k + 1;
        }
        if (buf[k] == '\r') {
            if (k + 1 >= tail) {
                return eof ? closedByEndOfStream() : NEED_MORE;
            }
            if (buf[k + 1] == '\n') {
                foundClose = false;
                return k + 2;
            }
        }
        return NOT_A_DELIMITER;
    }

    private int closedByEndOfStream() {
        foundClose = true;
        complete = true;
        return tail;
    }

    /**
     * Bytes of the current body at {@code head}: how many are ready, -1 at its end. Reads more when none is
     * ready; at the end of the stream fails or, with {@link Truncation#ENDS_PART}, ends the body there.
     */
    private int ready() throws IOException {
        while (true) {
            scan();
            int limit = found >= 0 ? found : scanned;
            if (limit > head) {
                return limit - head;
            }
            if (found >= 0) {
                return -1;
            }
            if (eof) {
                if (truncation == Truncation.FAILS || preamble) {
                    throw truncated();
                }
                found = tail; // the stream ended inside this part: so do the part and the message
                foundEnd = tail;
                foundClose = true;
                return -1;
            }
            fill();
        }
    }

    private int readBody(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = ready();
        if (n < 0) {
            return -1;
        }
        n = Math.min(n, len);
        System.arraycopy(buf, head, b, off, n);
        head += n;
        return n;
    }

    /** Writes the rest of the body straight from the buffer. */
    private long transferBody(OutputStream out) throws IOException {
        long total = 0;
        for (int n; (n = ready()) >= 0; ) {
            out.write(buf, head, n);
            head += n;
            total += n;
        }
        return total;
    }

    private void skipBody() throws IOException {
        for (int n; (n = ready()) >= 0; ) {
            head += n;
        }
    }

    private EOFException truncated() {
        if (preamble) {
            return new EOFException("no MIME boundary \"--" + boundary + "\" in the message");
        }
        return new EOFException("the multipart message ended inside part " + partNumber
                + ", before its closing MIME boundary \"--" + boundary + "--\"");
    }

    /** Moves the unread bytes to the start of the buffer and reads more after them. */
    private void fill() throws IOException {
        if (head > 0) {
            System.arraycopy(buf, head, buf, 0, tail - head);
            tail -= head;
            scanned = Math.max(0, scanned - head);
            if (found >= 0) {
                found -= head;
                foundEnd -= head;
            }
            head = 0;
        }
        if (tail == buf.length) {
            throw new IOException("a MIME boundary line is longer than the " + buf.length + "-byte buffer");
        }
        int n = in.read(buf, tail, buf.length - tail);
        if (n < 0) {
            eof = true;
        } else {
            tail += n;
        }
    }

    // ------------------------------------------------------------------------------------------ headers

    private int readByte() throws IOException {
        while (head == tail) {
            if (eof) {
                return -1;
            }
            fill();
        }
        return buf[head++] & 0xff;
    }

    /** The next part's headers; null when the stream ended inside them and {@link Truncation#ENDS_PART}. */
    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> h = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        String last = null;
        int total = 0;
        while (true) {
            line.reset();
            int c;
            while ((c = readByte()) >= 0 && c != '\n') {
                if (++total > MAX_HEADER_BYTES) {
                    throw new IOException("the headers of MIME part " + partNumber + " exceed " + MAX_HEADER_BYTES
                            + " bytes");
                }
                line.write(c);
            }
            if (c < 0) {
                if (truncation == Truncation.ENDS_PART) {
                    return null;
                }
                throw new EOFException("the multipart message ended inside the headers of part " + partNumber);
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (length == 0) {
                break;
            }
            String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
            if ((text.charAt(0) == ' ' || text.charAt(0) == '\t') && last != null) { // folded header
                h.put(last, h.get(last) + " " + text.strip());
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                continue; // not a header line
            }
            String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (h.putIfAbsent(name, text.substring(colon + 1).strip()) == null) {
                last = name;
            } else {
                last = null;
            }
        }
        scanned = head;
        found = -1;
        return Collections.unmodifiableMap(h);
    }

    // ------------------------------------------------------------------------------------------ part body

    private final class PartBody extends InputStream {
        private final int number;

        PartBody(int number) {
            this.number = number;
        }

        private boolean current() {
            return number == partNumber && !ended;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (!current()) {
                return -1;
            }
            return readBody(b, off, len);
        }

        @Override
        public long transferTo(OutputStream out) throws IOException {
            Objects.requireNonNull(out, "out");
            return current() ? transferBody(out) : 0;
        }

        @Override
        public int available() {
            if (!current()) {
                return 0;
            }
            scan();
            return Math.max(0, (found >= 0 ? found : scanned) - head);
        }

        @Override
        public void close() {
            // the rest of the part is skipped by next()
        }
    }
}
