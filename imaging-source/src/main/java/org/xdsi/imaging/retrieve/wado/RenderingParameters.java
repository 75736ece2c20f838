package org.xdsi.imaging.retrieve.wado;

/**
 * What a WADO-URI request asks of a rendered image.
 *
 * @param frameNumber   1-based frame
 * @param rows          requested height or null
 * @param columns       requested width or null
 * @param windowCenter  VOI window from the request, or null (then the object's, else the frame's range)
 * @param windowWidth   with windowCenter
 * @param imageQuality  JPEG quality 1..100
 */
public record RenderingParameters(int frameNumber, Integer rows, Integer columns, Double windowCenter,
                                  Double windowWidth, int imageQuality) {
    public static final int DEFAULT_QUALITY = 90;

    public static RenderingParameters defaults() {
        return new RenderingParameters(1, null, null, null, null, DEFAULT_QUALITY);
    }
}
