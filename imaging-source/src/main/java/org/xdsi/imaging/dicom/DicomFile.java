package org.xdsi.imaging.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** A DICOM Part 10 file: file meta information (group 0002) and dataset. */
public record DicomFile(Dataset fileMetaInformation, Dataset dataset) {

    /** The transfer syntax named in the file meta information. */
    public TransferSyntax transferSyntax() {
        return TransferSyntax.of(fileMetaInformation.getString(Tag.TRANSFER_SYNTAX_UID));
    }

    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (DicomReader reader = DicomReader.open(file).options(options)) {
            return read(reader);
        }
    }

    /** Reads a whole file from a stream (left open). */
    public static DicomFile read(InputStream in, ReadOptions options) throws IOException {
        return read(new DicomReader(in).options(options));
    }

    private static DicomFile read(DicomReader reader) throws IOException {
        Dataset meta = reader.readFileMetaInformation();
        return new DicomFile(meta, reader.readDataset());
    }
}
