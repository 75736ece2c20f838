package org.xdsi.imaging.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Gives back the bytes of values a {@link DicomReader} left in its input, so a writer can copy them. */
@FunctionalInterface
public interface BulkDataSource {

    /** A stream positioned at {@link BulkData#offset()}; the caller reads {@link BulkData#length()} bytes and closes it. */
    InputStream open(BulkData bulk) throws IOException;

    /** The file the dataset was read from (offsets count from its first byte). */
    static BulkDataSource of(Path file) {
        return bulk -> {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(bulk.offset());
            return Channels.newInputStream(channel);
        };
    }
}
