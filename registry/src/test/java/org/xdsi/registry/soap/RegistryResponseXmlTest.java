package org.xdsi.registry.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.Vocabulary;
import org.xdsi.metadata.XdsError;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.rs.ObjectFactory;
import org.xdsi.schema.rs.RegistryResponseType;

class RegistryResponseXmlTest {
    @Test
    void bareSuccessIsTheMarshalledResponseWrittenOnce() throws Exception {
        RegistryResponseType success = RegistryResponses.successOrFailure(List.of());
        String xml = RegistryResponseXml.of(success);
        assertSame(RegistryResponseXml.SUCCESS, xml);
        assertEquals(Schemas.marshal(new ObjectFactory().createRegistryResponse(success)), xml);
        assertTrue(xml.startsWith("<rs:RegistryResponse"), xml);
    }

    @Test
    void responsesWithErrorsOrWarningsAreMarshalledEachTime() {
        RegistryResponseType warned = RegistryResponses.successOrFailure(
                List.of(XdsError.warning(ErrorCode.XDSRegistryError, "careful", null)));
        String xml = RegistryResponseXml.of(warned);
        assertTrue(xml.contains(Vocabulary.RESPONSE_SUCCESS) && xml.contains("careful"), xml);
        RegistryResponseType failed = RegistryResponses.successOrFailure(
                List.of(XdsError.error(ErrorCode.XDSRegistryError, "broken", null)));
        assertTrue(RegistryResponseXml.of(failed).contains(Vocabulary.RESPONSE_FAILURE));
    }
}
