package org.xdsi.imaging.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.model.Code;

class PublicationSettingsTest {
    @Test
    void backOffDoublesFromFiveSecondsToTenMinutes() {
        PublicationSettings s = PublicationSettings.defaults();
        assertEquals(Duration.ofSeconds(5), s.retryDelay(1));
        assertEquals(Duration.ofSeconds(10), s.retryDelay(2));
        assertEquals(Duration.ofSeconds(20), s.retryDelay(3));
        assertEquals(Duration.ofSeconds(320), s.retryDelay(7));
        assertEquals(Duration.ofMinutes(10), s.retryDelay(8));
        assertEquals(Duration.ofMinutes(10), s.retryDelay(1000));
    }

    @Test
    void codesAreParsedAndDefaultsKept() {
        assertEquals(new Code("DI", "1.2.3", "Diagnostic images"), PublicationSettings.parseCode("DI^1.2.3^Diagnostic images"));
        assertEquals(new Code("DI", "1.2.3", "DI"), PublicationSettings.parseCode("DI^1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> PublicationSettings.parseCode("DI"));
        assertThrows(IllegalArgumentException.class, () -> PublicationSettings.parseCode("^1.2.3^x"));
        PublicationSettings s = PublicationSettings.defaults().withCodes(new Code("X", "1.2", "x"), null, null, null,
                null, "de-CH", null);
        assertEquals(new Code("X", "1.2", "x"), s.classCode());
        assertEquals(PublicationSettings.DIAGNOSTIC_IMAGING_STUDY, s.typeCode());
        assertEquals("de-CH", s.languageCode());
        assertEquals(PublicationSettings.IMAGES, PublicationSettings.defaults().classCode());
    }
}
