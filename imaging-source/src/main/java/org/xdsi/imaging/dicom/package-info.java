/**
 * DICOM Part 10 reading and writing, the one place in xdsi that knows the DICOM encoding.
 *
 * <ul>
 *   <li>{@link org.xdsi.imaging.dicom.DicomFile#read(java.nio.file.Path)} / {@link org.xdsi.imaging.dicom.DicomReader}
 *       read files and streams (explicit/implicit VR little endian, explicit VR big endian), optionally stopping at a
 *       tag or leaving bulk data in the input ({@link org.xdsi.imaging.dicom.ReadOptions});</li>
 *   <li>{@link org.xdsi.imaging.dicom.Dataset} holds the attributes with typed getters and setters;</li>
 *   <li>{@link org.xdsi.imaging.dicom.DicomWriter} writes files (explicit/implicit VR little endian, or encapsulated
 *       pixel data as is);</li>
 *   <li>{@link org.xdsi.imaging.dicom.DicomTranscoder} converts between transfer syntaxes while streaming.</li>
 * </ul>
 */
package org.xdsi.imaging.dicom;
