package org.xdsi.imaging.retrieve.wado;

/** The instance has no image xdsi can render or cut into frames (compressed, unsupported layout, no pixels). */
public final class NotRenderableException extends Exception {
    public NotRenderableException(String message) {
        super(message);
    }
}
