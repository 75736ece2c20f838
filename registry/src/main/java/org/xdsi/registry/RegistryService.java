package org.xdsi.registry;

import jakarta.xml.bind.JAXBException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xdsi.metadata.ErrorCode;
import org.xdsi.metadata.RegistryResponses;
import org.xdsi.metadata.XdsError;
import org.xdsi.metadata.XdsException;
import org.xdsi.registry.patient.JdbcPatientIdentityIndex;
import org.xdsi.registry.patient.PatientIdentityIndex;
import org.xdsi.registry.query.QueryConfig;
import org.xdsi.registry.query.StoredQueryHandler;
import org.xdsi.registry.register.RegisterHandler;
import org.xdsi.registry.register.SubmissionValidator;
import org.xdsi.registry.store.RegistryDatabase;
import org.xdsi.schema.Schemas;
import org.xdsi.schema.lcm.SubmitObjectsRequest;
import org.xdsi.schema.query.AdhocQueryRequest;
import org.xdsi.schema.query.AdhocQueryResponse;
import org.xdsi.schema.rs.RegistryResponseType;

/** The registry in-process: database, patient index, ITI-42 and ITI-18 handlers. */
public final class RegistryService implements DocumentRegistry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);

    private final RegistryDatabase db;
    private final PatientIdentityIndex patients;
    private final RegisterHandler register;
    private final StoredQueryHandler queries;
    private final RegistryConfig config;

    public RegistryService(RegistryConfig config) {
        this.config = config;
        this.db = RegistryDatabase.open(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        this.patients = new JdbcPatientIdentityIndex(db);
        this.register = new RegisterHandler(db, new SubmissionValidator(config.affinityDomainOid(), config.codeLists()),
                patients, config.affinityDomainOid(), config.acceptUnfedPatients());
        this.queries = new StoredQueryHandler(db.dataSource(), db.dialect(),
                QueryConfig.defaults().withMaxResults(config.maxQueryResults())
                        .withHomeCommunityId(config.homeCommunityId()));
    }

    public RegistryConfig config() {
        return config;
    }

    public PatientIdentityIndex patients() {
        return patients;
    }

    public RegistryDatabase database() {
        return db;
    }

    @Override
    public RegistryResponseType registerDocumentSet(SubmitObjectsRequest request) {
        try {
            List<XdsError> warnings = register.register(request);
            return RegistryResponses.successOrFailure(warnings);
        } catch (XdsException e) {
            return RegistryResponses.successOrFailure(e.errors());
        } catch (RuntimeException e) {
            LOG.error("ITI-42 failed unexpectedly", e);
            return RegistryResponses.successOrFailure(List.of(XdsError.error(ErrorCode.XDSRegistryError,
                    "internal registry error; nothing was stored", null)));
        }
    }

    /** ITI-18 answer as the response element's text: the fast path the SOAP endpoint streams. */
    public String storedQueryXml(AdhocQueryRequest request) {
        return queries.execute(request).toResponseXml();
    }

    @Override
    public AdhocQueryResponse storedQuery(AdhocQueryRequest request) {
        try {
            return Schemas.unmarshal(storedQueryXml(request), AdhocQueryResponse.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("stored query response unreadable", e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
