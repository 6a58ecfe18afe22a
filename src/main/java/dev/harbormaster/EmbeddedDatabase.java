package dev.harbormaster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's PostgreSQL: one server per data directory, on a port that stays the same across restarts
 * (so a second replica pointed at it keeps working), with durable commits, logging to {@code postgres.log} in the
 * data directory. A server left running by a bot that was killed (kill -9 skips the shutdown hook that stops it) is
 * found through its {@code postmaster.pid} and stopped before a new one starts on the same files.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** Ports derived from the data directory fall in [BASE_PORT, BASE_PORT + PORT_SPREAD). */
    static final int BASE_PORT = 15432;
    static final int PORT_SPREAD = 1000;
    /** The file zonky's EmbeddedPostgres locks in the data directory while its JVM runs. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(60);
    /** A busy 2-core machine can take far longer than zonky's 10 s default to start PostgreSQL (crash recovery, say). */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    /** Quarkus's own shutdown timeout is 30 s by default; past this the server is stopped under a bot still stopping. */
    private static final Duration BOT_STOP_WAIT = Duration.ofSeconds(60);

    /** The server this process is starting or runs; read by {@link SchemaMigration} on another thread. */
    private static volatile EmbeddedDatabase starting;

    private final int port;
    private final CompletableFuture<EmbeddedPostgres> server;
    private final CountDownLatch botStopped = new CountDownLatch(1);
    private boolean closed;

    private EmbeddedDatabase(int port, CompletableFuture<EmbeddedPostgres> server) {
        this.port = port;
        this.server = server;
    }

    /**
     * Checks the data directory and the port here (a clear failure before anything else starts), then starts the server
     * on a thread of its own: initdb and the server's start (about 1 s, 3 s on a machine's first run, which unpacks
     * the binaries) overlap Quarkus's boot, which needs no database until {@link SchemaMigration} runs.
     *
     * @param configuredPort HARBORMASTER_EMBEDDED_POSTGRES_PORT, or blank for one derived from the data directory
     */
    static EmbeddedDatabase startInBackground(Path dataDir, String configuredPort) throws IOException {
        Path pgDir = dataDir.resolve("postgres");
        Files.createDirectories(pgDir);
        int port = port(dataDir, configuredPort);
        stopStaleServer(pgDir);
        ensureFree(port);
        Path log = dataDir.resolve("postgres.log");
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL: starting embedded PostgreSQL in %s on 127.0.0.1:%d (its log: %s)",
                pgDir.toAbsolutePath(), port, log.toAbsolutePath());
        EmbeddedDatabase database = new EmbeddedDatabase(port, CompletableFuture.supplyAsync(() -> start(pgDir, port, log),
                runnable -> {
                    Thread thread = new Thread(runnable, "embedded-postgres-start");
                    thread.setDaemon(true);
                    thread.start();
                }));
        starting = database;
        Runtime.getRuntime().addShutdownHook(new Thread(database::stopAfterTheBot, "embedded-postgres-stop"));
        return database;
    }

    private static EmbeddedPostgres start(Path pgDir, int port, Path log) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // zonky runs tests fast and loose (fsync off, synchronous_commit off); a commit the bot reported
                    // to a user must survive a crash of the machine
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    // zonky's own hook would stop the server while the bot's shutdown still uses it (outbox workers
                    // mid-transaction, Quartz): ours waits for the bot (stopAfterTheBot)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start (see " + log.toAbsolutePath() + ")", e);
        }
    }

    /** Where the server listens: known before it has started, so Quarkus can be configured meanwhile. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Blocks until the embedded server this process started is up; returns at once without one (external database, tests). */
    static void awaitStarted() {
        EmbeddedDatabase database = starting;
        if (database != null) {
            database.server();
        }
    }

    private EmbeddedPostgres server() {
        try {
            return server.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Stops the server once it has started (waiting for a start still under way); a start that failed leaves nothing
     * to stop. The main thread calls it when Quarkus has stopped; on SIGTERM the shutdown hook waits for that first.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        botStopped.countDown();
        starting = null;
        EmbeddedPostgres postgres;
        try {
            postgres = server.join();
        } catch (CompletionException | CancellationException e) {
            return;
        }
        postgres.close();
    }

    /**
     * The JVM's shutdown hooks run together and it halts when they are done: this one keeps it alive until the main
     * thread has seen Quarkus stop and closed the server, or stops the server itself if that takes too long.
     */
    private void stopAfterTheBot() {
        try {
            botStopped.await(BOT_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warnf("Stopping the embedded PostgreSQL failed: %s", e.getMessage());
        }
    }

    static int port(Path dataDir, String configured) {
        if (configured != null && !configured.isBlank()) {
            try {
                int port = Integer.parseInt(configured.trim());
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("HARBORMASTER_EMBEDDED_POSTGRES_PORT must be a port number, not " + configured);
        }
        return BASE_PORT + Math.floorMod(dataDir.toAbsolutePath().normalize().toString().hashCode(), PORT_SPREAD);
    }

    /** Stops the server a killed bot left running on these files, if there is one. */
    static void stopStaleServer(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() || !lines.get(0).trim().matches("\\d{1,10}") ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (server.isEmpty()) {
            return; // a pid file without its server: PostgreSQL itself sees that and starts
        }
        // zonky holds this lock for as long as its bot runs: if it is free, the server's bot is gone
        try (FileChannel channel = FileChannel.open(pgDir.resolve(ZONKY_LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Another Harbormaster is running on " + pgDir.toAbsolutePath()
                        + "; give this one its own HARBORMASTER_DATA_DIR, or point it at that database with"
                        + " QUARKUS_DATASOURCE_JDBC_URL");
            }
            stop(server.get(), pgDir);
        }
    }

    private static void stop(ProcessHandle server, Path pgDir) throws IOException {
        long pid = server.pid();
        LOG.warnf("A PostgreSQL server (pid %d) still runs on %s, left by a bot that did not stop cleanly: stopping it",
                pid, pgDir.toAbsolutePath());
        fastShutdown(server);
        // PostgreSQL removes its pid file as the last step of a shutdown; the process may linger as a zombie
        // nobody reaps, so the file is the signal
        Path pidFile = pgDir.resolve("postmaster.pid");
        long deadline = System.nanoTime() + STALE_SERVER_STOP.toNanos();
        while (Files.exists(pidFile) && server.isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The PostgreSQL server left running on " + pgDir.toAbsolutePath() + " (pid "
                        + pid + ") did not stop within " + STALE_SERVER_STOP.toSeconds() + " s; stop it and start again");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the stale PostgreSQL server", e);
            }
        }
        LOG.infof("Stopped the PostgreSQL server left running (pid %d); starting it again", pid);
    }

    /**
     * SIGINT is PostgreSQL's fast shutdown (roll back open transactions, write a checkpoint); Java can only send
     * SIGTERM, which waits for clients to leave, so SIGINT goes through kill(1) when it is there.
     */
    private static void fastShutdown(ProcessHandle server) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).redirectErrorStream(true).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            LOG.debugf("kill(1) not available (%s): sending SIGTERM", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.destroy();
    }

    private static void ensureFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for the embedded PostgreSQL is taken by another program; set"
                    + " HARBORMASTER_EMBEDDED_POSTGRES_PORT to a free port");
        }
    }
}
