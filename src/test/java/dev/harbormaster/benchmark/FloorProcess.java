package dev.harbormaster.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A floor Harbormaster is measured against, in a process of its own on a loopback port: {@link BareBoltFloor} in a JVM
 * with the bot's JVM options, or the same app on Bolt for JavaScript ({@code benchmark/bolt-js-floor.js}) in Node.
 */
final class FloorProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The Bolt-for-JavaScript release the issue compared against. */
    static final String BOLT_JS_VERSION = "5.1.0";

    private final Process process;
    private final int port;
    private final Path log;

    private FloorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * {@link BareBoltFloor} from the test class path. The class path goes through a {@code @argfile}: the test class
     * path of a Quarkus project is longer than Linux lets one command-line argument be.
     */
    static FloorProcess bareBolt(int port, String secret, int services, List<String> jvmOptions, Path workDir)
            throws Exception {
        Files.createDirectories(workDir);
        Path argFile = workDir.resolve("floor-classpath.args");
        // an argfile treats backslashes and quotes specially: quote the path and escape them
        String classPath = System.getProperty("java.class.path").replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(argFile, "-cp \"" + classPath + "\"\n");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.add("@" + argFile);
        command.add(BareBoltFloor.class.getName());
        command.add(Integer.toString(port));
        command.add(secret);
        command.add(Integer.toString(services));
        return start(command, workDir, port, workDir.resolve("floor.log"), BareBoltFloor.READY);
    }

    /**
     * Bolt for JavaScript {@value #BOLT_JS_VERSION} in Node, installed from the npm registry into {@code installDir}
     * once (kept there for later runs). Throws with the reason when Node or npm is missing or the install fails, so
     * the caller can report the comparison as not made.
     */
    static FloorProcess boltJs(int port, String secret, int services, Path installDir, Path workDir) throws Exception {
        Files.createDirectories(installDir);
        Files.createDirectories(workDir);
        Path installed = installDir.resolve("node_modules/@slack/bolt/package.json");
        if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"" + BOLT_JS_VERSION + "\"")) {
            Path npmLog = workDir.resolve("npm-install.log");
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error",
                    "@slack/bolt@" + BOLT_JS_VERSION).directory(installDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(npmLog.toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IOException("npm install @slack/bolt@" + BOLT_JS_VERSION + " failed: " + Files.readString(npmLog).trim());
            }
        }
        Path script = installDir.resolve("bolt-js-floor.js");
        try (InputStream source = FloorProcess.class.getResourceAsStream("/benchmark/bolt-js-floor.js")) {
            Files.write(script, source.readAllBytes());
        }
        Path owners = workDir.resolve("owners.txt");
        try (BufferedWriter out = Files.newBufferedWriter(owners, StandardCharsets.UTF_8)) {
            for (int n = 0; n < services; n++) {
                out.write(BackstageCatalogGenerator.serviceName(n) + " " + BackstageCatalogGenerator.teamOf(n) + "\n");
            }
        }
        List<String> command = List.of("node", script.toString(), Integer.toString(port), secret, owners.toString());
        return start(command, installDir, port, workDir.resolve("bolt-js-floor.log"), "BOLT-JS-FLOOR READY");
    }

    private static FloorProcess start(List<String> command, Path directory, int port, Path log, String ready)
            throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        FloorProcess floor = new FloorProcess(process, port, log);
        floor.awaitReady(ready);
        return floor;
    }

    private void awaitReady(String ready) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the floor exited during start-up:\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains(ready)) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("the floor was not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
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
