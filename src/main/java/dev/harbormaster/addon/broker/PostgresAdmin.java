package dev.harbormaster.addon.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * DDL on the PostgreSQL server where the broker creates databases. Plain JDBC in autocommit, because
 * CREATE DATABASE and DROP DATABASE cannot run inside a transaction. Every step tolerates having been done
 * already, so a retried or resumed operation converges instead of failing.
 */
@ApplicationScoped
public class PostgresAdmin {

    /** Only names the broker generated ever reach SQL; they are checked and quoted all the same. */
    private static final Pattern GENERATED_NAME = Pattern.compile("^hm_[a-z0-9_]{1,59}$");
    /** Base64 has no quote, so a verifier of this shape can sit between quotes in a statement. */
    private static final Pattern SCRAM_VERIFIER = Pattern.compile(
            "^SCRAM-SHA-256\\$[0-9]{4,7}:[A-Za-z0-9+/]+={0,2}\\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$");
    private static final String DUPLICATE_OBJECT = "42710";

    private final BrokerSettings settings;
    private final String host;
    private final int port;

    @Inject
    public PostgresAdmin(BrokerSettings settings) {
        this.settings = settings;
        Properties parsed = Driver.parseURL(settings.adminJdbcUrl(), null);
        if (parsed == null) {
            throw new IllegalStateException("HARBORMASTER_OSB_BROKER_ADMIN_JDBC_URL is not a PostgreSQL JDBC URL");
        }
        this.host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        this.port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public void createDatabase(String database, String ownerRole, int connectionLimit) throws SQLException {
        try (Connection admin = connect(settings.adminJdbcUrl()); Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", ownerRole)) {
                sql.execute("CREATE ROLE " + quote(ownerRole) + " NOLOGIN");
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                sql.execute("CREATE DATABASE " + quote(database) + " OWNER " + quote(ownerRole)
                        + " CONNECTION LIMIT " + connectionLimit);
            }
            // only the instance's own roles (bindings are members of the owner) may connect to it
            sql.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + quote(database) + " FROM PUBLIC");
            sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + quote(database) + " TO " + quote(ownerRole));
        }
    }

    /**
     * Creates the login role, or sets its password again when it exists already. Only a SCRAM verifier is sent
     * ({@link ScramVerifier}): the statement may end up in the server log ({@code log_statement}, or an error's
     * statement text), and a verifier there gives nobody the password.
     */
    public void createLoginRole(String role, String ownerRole, String scramVerifier) throws SQLException {
        if (!SCRAM_VERIFIER.matcher(scramVerifier).matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
        }
        try (Connection admin = connect(settings.adminJdbcUrl()); Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                try {
                    sql.execute("CREATE ROLE " + quote(role) + " LOGIN PASSWORD '" + scramVerifier + "' IN ROLE "
                            + quote(ownerRole));
                    return;
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            sql.execute("ALTER ROLE " + quote(role) + " WITH LOGIN PASSWORD '" + scramVerifier + "'");
        }
    }

    /** Ends the role's sessions, hands what it created to the owner role, and drops it. */
    public void dropLoginRole(String role, String database, String ownerRole) throws SQLException {
        try (Connection admin = connect(settings.adminJdbcUrl()); Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
                return;
            }
            try (PreparedStatement terminate = admin.prepareStatement(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
                terminate.setString(1, role);
                terminate.execute();
            }
            if (exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                try (Connection inDatabase = connect(urlOf(database)); Statement there = inDatabase.createStatement()) {
                    there.execute("REASSIGN OWNED BY " + quote(role) + " TO " + quote(ownerRole));
                    there.execute("DROP OWNED BY " + quote(role));
                }
            }
            sql.execute("DROP ROLE IF EXISTS " + quote(role));
        }
    }

    public void dropDatabase(String database, String ownerRole, Collection<String> loginRoles) throws SQLException {
        try (Connection admin = connect(settings.adminJdbcUrl()); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + quote(database) + " WITH (FORCE)");
            for (String role : loginRoles) {
                sql.execute("DROP ROLE IF EXISTS " + quote(role));
            }
            sql.execute("DROP ROLE IF EXISTS " + quote(ownerRole));
        }
    }

    /** The JDBC URL of one of the broker's databases on the admin server. */
    public String urlOf(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + checked(database);
    }

    private Connection connect(String url) throws SQLException {
        Connection connection = DriverManager.getConnection(url, settings.adminUsername(),
                settings.adminPassword().orElse(""));
        connection.setAutoCommit(true);
        return connection;
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String quote(String name) {
        return "\"" + checked(name).replace("\"", "\"\"") + "\"";
    }

    private static String checked(String name) {
        if (!GENERATED_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a name the broker generated: " + name);
        }
        return name;
    }
}
