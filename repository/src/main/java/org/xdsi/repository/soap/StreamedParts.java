package org.xdsi.repository.soap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.cxf.message.Attachment;
import org.xdsi.repository.mime.MultipartStream;

/**
 * The parts of an incoming MTOM request after the root, read from the request as they are asked for: iterating
 * reads the next part's headers and hands out a part whose body is still on the wire. Moving on spills what is
 * left of the part before (see {@link PartSpill}), so a document is only copied aside when the request asks for
 * it after a later one. At most {@code maxParts} parts are accepted, so a request of countless tiny parts cannot
 * fill the memory.
 */
final class StreamedParts extends AbstractCollection<Attachment> implements Closeable {
    private final MultipartStream mime;
    private final StreamedPart root;
    private final Path spillDirectory;
    private final int memoryThreshold;
    private final int maxParts;
    private final List<StreamedPart> loaded = new ArrayList<>();
    private final List<PartSpill> spills = new ArrayList<>();
    /** The part whose body is the parser's current one, or null at the end. */
    private StreamedPart current;
    private boolean end;
    /** Why the parts ended before the close delimiter, when it was not the end of the request. */
    private String failure;

    private StreamedParts(MultipartStream mime, StreamedPart root, Path spillDirectory, int memoryThreshold,
                          int maxParts) {
        this.mime = mime;
        this.root = root;
        this.current = root;
        this.spillDirectory = spillDirectory;
        this.memoryThreshold = memoryThreshold;
        this.maxParts = maxParts;
    }

    /**
     * Reads up to the root part's body (the first part, as for CXF).
     *
     * @throws IOException no multipart body with this boundary, or a root part that cannot be decoded
     */
    static StreamedParts open(InputStream request, String boundary, Path spillDirectory, int memoryThreshold,
                              int maxParts) throws IOException {
        MultipartStream mime = new MultipartStream(request, boundary, MultipartStream.DEFAULT_BUFFER_SIZE,
                MultipartStream.Truncation.ENDS_PART);
        if (!mime.next()) {
            throw new IOException("the multipart request has no parts");
        }
        StreamedPart root = new StreamedPart(mime.headers(), mime.body());
        return new StreamedParts(mime, root, spillDirectory, memoryThreshold, maxParts);
    }

    /** The root part: the SOAP envelope. */
    StreamedPart root() {
        return root;
    }

    /**
     * Reads the rest of the request; null when it ended with its close delimiter, else why it is not complete.
     * Call it when every part that matters has been consumed.
     */
    String incompleteness() {
        while (loadNext()) {
            // parts nobody asked for: only their headers are read
        }
        if (failure != null) {
            return failure;
        }
        return mime.isComplete() ? null : "the request ended before its closing MIME boundary: it is incomplete, so"
                + " its documents may be cut short";
    }

    @Override
    public Iterator<Attachment> iterator() {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < loaded.size() || loadNext();
            }

            @Override
            public Attachment next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return loaded.get(index++);
            }
        };
    }

    /** Reads every part's headers: the whole request. */
    @Override
    public int size() {
        while (loadNext()) {
            // counting needs them all
        }
        return loaded.size();
    }

    @Override
    public boolean isEmpty() {
        return !iterator().hasNext();
    }

    /**
     * Ends the parts where the parser stands (the rest of the request is not read) and releases every spilled
     * part (deletes the spill files): once the endpoint has answered, no part is read any more.
     */
    @Override
    public void close() {
        end = true;
        current = null;
        for (PartSpill s : spills) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing more can be done about a temporary file the file system keeps
            }
        }
        spills.clear();
    }

    /**
     * Moves the parser to the next part; false at the end of the request, and also when the request cannot be
     * read further (a broken connection, too many parts): this must not throw where CXF iterates the parts, and
     * {@link #incompleteness()} reports it.
     */
    private boolean loadNext() {
        if (end) {
            return false;
        }
        try {
            if (current != null) {
                PartSpill spill = new PartSpill(spillDirectory, memoryThreshold);
                spills.add(spill);
                current.spill(spill);
                current = null;
            }
            if (!mime.next()) {
                end = true;
                return false;
            }
            if (loaded.size() >= maxParts) {
                end = true;
                failure = "the request has more than " + maxParts + " MIME parts besides the SOAP envelope";
                return false;
            }
            current = new StreamedPart(mime.headers(), mime.body());
            loaded.add(current);
            return true;
        } catch (IOException | RuntimeException e) {
            end = true;
            failure = "the request could not be read to its end";
            return false;
        }
    }
}
