package org.xdsi.registry.store;

import java.sql.SQLException;

/** A database failure; reported to clients as XDSRegistryError without internals. */
public class RegistryStoreException extends RuntimeException {
    public RegistryStoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
