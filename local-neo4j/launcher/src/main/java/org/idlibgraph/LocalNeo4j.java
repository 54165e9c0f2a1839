package org.idlibgraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.neo4j.string.UTF8;

import sun.misc.Signal;

/**
 * Local Neo4j Community DBMS for development and tests: the embedded DBMS with only the Bolt
 * connector, bound to 127.0.0.1. Started by local-neo4j/server.ts ({@code npm run neo4j}).
 *
 * <pre>
 * java [jvm opts] -cp CLASSPATH org.idlibgraph.LocalNeo4j --data-dir DIR [--port 7687]
 *      [--password PW | --no-auth] [--page-cache-mb 256] [--tx-timeout-s 300] [--stop-on-stdin-eof]
 * </pre>
 *
 * DIR is the Neo4j home: databases under DIR/data, logs (debug.log, ...) under DIR/logs.
 * With a password, auth is on and user {@code neo4j} has that password before Bolt accepts its first
 * connection: it is written where {@code neo4j-admin dbms set-initial-password} writes it
 * (data/dbms/auth.ini), which Neo4j reads while it creates the system database, before it starts
 * Bolt. A data folder whose user already has another password gets this one after the start (with
 * a warning: clients were refused until then).
 * stdout carries exactly one line, {@code Neo4j ready at bolt://127.0.0.1:PORT}, once Bolt accepts
 * connections; everything else goes to stderr. SIGTERM/SIGINT shut the DBMS down cleanly and
 * exit 0; so does EOF on stdin with --stop-on-stdin-eof. Port 0 picks a free port (the ready line
 * tells which).
 */
public final class LocalNeo4j {
    private static final String HOST = "127.0.0.1";
    private static final String USER = "neo4j";
    // The system graph's user model (the constants moved between 5.x and 2025.x: named here).
    private static final Label USER_LABEL = Label.label("User");
    private static final String USER_NAME = "name";
    private static final String USER_CREDENTIALS = "credentials";
    private static final String USER_CHANGE_REQUIRED = "passwordChangeRequired";

    private LocalNeo4j() {}

    public static void main(String[] args) throws Exception {
        // Keep stdout for the ready line only: anything a library prints goes to stderr.
        PrintStream stdout = System.out;
        System.setOut(System.err);

        Path dataDir = null;
        int port = 7687;
        String password = null;
        boolean auth = true;
        long pageCacheMb = 256;
        long txTimeoutS = 300;
        boolean stopOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--password" -> password = value(args, ++i, a);
                case "--no-auth" -> auth = false;
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(value(args, ++i, a));
                case "--tx-timeout-s" -> txTimeoutS = Long.parseLong(value(args, ++i, a));
                case "--stop-on-stdin-eof" -> stopOnStdinEof = true;
                default -> fail("unknown argument: " + a);
            }
        }
        if (dataDir == null) {
            fail("--data-dir is required");
        }
        if (auth && (password == null || password.isEmpty())) {
            fail("--password PW (or --no-auth) is required");
        }
        Path home = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(home);
        if (auth) {
            writeInitialPassword(home, password);
        }

        // SIGTERM/SIGINT: stop on the main thread and exit 0 (the JVM default would be 143/130).
        // Installed before the DBMS starts so that a signal during startup still stops it cleanly.
        CountDownLatch signalled = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> signalled.countDown());
        Signal.handle(new Signal("INT"), s -> signalled.countDown());
        if (stopOnStdinEof) {
            // The parent (local-neo4j/server.ts) holds our stdin: if it dies, stop too.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) {
                        // ignore input
                    }
                } catch (IOException ignored) {
                    // treat like EOF
                }
                System.err.println("LocalNeo4j: stdin closed, stopping");
                signalled.countDown();
            }, "local-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutS))
                // Dev-sized transaction logs: not 2 x 256 MiB preallocated files from the first start.
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                // Nothing leaves the machine: no usage reports ...
                .setConfig(GraphDatabaseSettings.udc_enabled, false);
        // ... and no fleet discovery broadcasts (2025.x+; looked up by name so that the source
        // still compiles against other Neo4j versions).
        setIfPresent(builder, BoltConnector.class, "enable_discovery", current -> false);
        // Bolt's Netty event loops otherwise idle 5 s each on shutdown (internal setting: a
        // Duration in 2025.x+, seconds as an Integer in 5.x).
        setIfPresent(builder, GraphDatabaseInternalSettings.class, "netty_server_shutdown_quiet_period",
                current -> current instanceof Integer ? (Object) 0 : Duration.ZERO);
        DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable e) {
            // One line here; Neo4j's logs/debug.log has the stack trace.
            System.err.println("LocalNeo4j: failed to start: " + rootCause(e));
            System.exit(1);
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                System.err.println("Neo4j shutting down...");
                dbms.shutdown();
                System.err.println("Neo4j stopped");
            }
        };
        // Safety net for any other way the JVM exits (SIGHUP, System.exit, ...).
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-neo4j-shutdown"));

        try {
            if (auth && ensurePassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password)) {
                System.err.println("LocalNeo4j: warning: user " + USER + " had another password in " + home
                        + "; it has the given one now (clients using it were refused until this moment)");
            }
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            db.executeTransactionally("RETURN 1");
            if (signalled.getCount() > 0) {
                stdout.println("Neo4j ready at bolt://" + HOST + ":" + boundBoltPort(db, port));
                stdout.flush();
            }
        } catch (Exception e) {
            System.err.println("LocalNeo4j: failed to start: " + rootCause(e));
            stop.run();
            System.exit(1);
        }

        signalled.await();
        stop.run();
        System.exit(0);
    }

    /**
     * What {@code neo4j-admin dbms set-initial-password PW} does: user neo4j with this password (no
     * change required) in the auth store's auth.ini. Neo4j takes it when it creates the system
     * database, and on a later start while neo4j still has the default password (a first start
     * that was interrupted); both happen before the Bolt connector starts.
     */
    private static void writeInitialPassword(Path home, String password) throws Exception {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path file = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.mkdirs(file.getParent());
            if (fs.fileExists(file)) {
                fs.deleteFile(file);
            }
            FileUserRepository users =
                    new FileUserRepository(fs, file, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User(USER, null, credential(password), false, false));
            users.shutdown();
        }
    }

    private static SystemGraphCredential credential(String password) {
        return SystemGraphCredential.createCredentialForPassword(UTF8.encode(password), new SecureHasher());
    }

    /**
     * Makes sure user neo4j has the password: true if it had to be changed (the data folder had
     * another one, set by hand; clients using this password were refused until now).
     */
    private static boolean ensurePassword(GraphDatabaseService system, String password) throws Exception {
        boolean matches;
        boolean expired;
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(USER_LABEL, USER_NAME, USER);
            Object stored = user == null ? null : user.getProperty(USER_CREDENTIALS, null);
            matches = stored != null
                    && SystemGraphCredential.deserialize(stored.toString(), new SecureHasher())
                            .matchesPassword(UTF8.encode(password));
            expired = user != null && Boolean.TRUE.equals(user.getProperty(USER_CHANGE_REQUIRED, false));
        }
        if (matches && !expired) {
            return false;
        }
        // (Neo4j refuses to "change" a password to the one it already is.)
        system.executeTransactionally(
                "ALTER USER " + USER + " SET PASSWORD " + (matches ? "" : "$pw ") + "CHANGE NOT REQUIRED",
                Map.of("pw", password));
        return true;
    }

    /** Sets a setting looked up by field name, if this Neo4j version has it; value from its default. */
    @SuppressWarnings("unchecked")
    private static void setIfPresent(DatabaseManagementServiceBuilder builder, Class<?> holder, String field,
            Function<Object, Object> valueFromDefault) {
        Setting<Object> setting;
        try {
            setting = (Setting<Object>) holder.getField(field).get(null);
        } catch (ReflectiveOperationException e) {
            return;
        }
        builder.setConfig(setting, valueFromDefault.apply(setting.defaultValue()));
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e) : e.getMessage() + " (cause: " + t + ")";
    }

    private static int boundBoltPort(GraphDatabaseService db, int requested) {
        try {
            HostnamePort bound = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT);
            return bound != null ? bound.getPort() : requested;
        } catch (RuntimeException e) {
            return requested;
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("LocalNeo4j: " + message);
        System.exit(2);
    }
}
