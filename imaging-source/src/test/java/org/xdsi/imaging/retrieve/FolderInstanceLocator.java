package org.xdsi.imaging.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.xdsi.imaging.archive.InstanceLocator;
import org.xdsi.imaging.archive.StoredInstance;
import org.xdsi.imaging.dicom.DicomFile;
import org.xdsi.imaging.dicom.ReadOptions;
import org.xdsi.imaging.dicom.Tag;

/**
 * A test {@link InstanceLocator} over a folder laid out as the archive stores instances
 * ({@code <study>/<series>/<sop>.dcm}): each lookup reads the UIDs from the files themselves.
 */
final class FolderInstanceLocator implements InstanceLocator {
    private final Path root;

    FolderInstanceLocator(Path root) {
        this.root = root;
    }

    @Override
    public Optional<StoredInstance> instance(String study, String series, String sop) {
        return all().stream().filter(i -> i.studyInstanceUid().equals(study) && i.seriesInstanceUid().equals(series)
                && i.sopInstanceUid().equals(sop)).findFirst();
    }

    @Override
    public List<StoredInstance> series(String study, String series) {
        return all().stream().filter(i -> i.studyInstanceUid().equals(study)
                && i.seriesInstanceUid().equals(series)).toList();
    }

    @Override
    public List<StoredInstance> study(String study) {
        return all().stream().filter(i -> i.studyInstanceUid().equals(study)).toList();
    }

    private List<StoredInstance> all() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".dcm")).sorted(Comparator.naturalOrder())
                    .map(FolderInstanceLocator::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StoredInstance read(Path file) {
        try {
            DicomFile f = DicomFile.read(file, ReadOptions.DEFAULT.withStopTag(Tag.PIXEL_DATA));
            return new StoredInstance(f.dataset().getString(Tag.STUDY_INSTANCE_UID),
                    f.dataset().getString(Tag.SERIES_INSTANCE_UID), f.dataset().getString(Tag.SOP_INSTANCE_UID),
                    f.dataset().getString(Tag.SOP_CLASS_UID), f.transferSyntax().uid(), file, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
