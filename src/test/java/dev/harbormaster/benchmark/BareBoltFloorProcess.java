package dev.harbormaster.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link BareBoltFloor} in a JVM of its own, started from the test class path with the JVM options the bot gets, on a
 * loopback port. The class path goes through a {@code @argfile}: the test class path of a Quarkus project is longer
 * than Linux lets one command-line argument be.
 */
final class BareBoltFloorProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private BareBoltFloorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static BareBoltFloorProcess start(int port, String secret, int services, List<String> jvmOptions, Path workDir)
            throws Exception {
        Files.createDirectories(workDir);
        Path argFile = workDir.resolve("floor-classpath.args");
        // an argfile treats backslashes and quotes specially: quote the path and escape them
        String classPath = System.getProperty("java.class.path").replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(argFile, "-cp \"" + classPath + "\"\n");
        Path log = workDir.resolve("floor.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("@" + argFile);
        command.add(BareBoltFloor.class.getName());
        command.add(Integer.toString(port));
        command.add(secret);
        command.add(Integer.toString(services));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BareBoltFloorProcess floor = new BareBoltFloorProcess(process, port, log);
        floor.awaitReady();
        return floor;
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the bare Bolt floor exited during start-up:\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains(BareBoltFloor.READY)) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("the bare Bolt floor was not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
