/**
 * The XDS-I.b manifest (RAD-68): {@link org.xdsi.imaging.kos.KosManifestBuilder} makes the Key Object Selection
 * Document of an {@link org.xdsi.imaging.kos.ImagingStudy}, {@link org.xdsi.imaging.kos.ManifestMetadata} the
 * DocumentEntry attributes that go with it, and {@link org.xdsi.imaging.kos.KosManifest} reads a manifest back
 * into the references and retrieve locations a consumer needs.
 */
package org.xdsi.imaging.kos;
