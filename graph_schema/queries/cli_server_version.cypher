// The server's product, version and edition.
CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition
