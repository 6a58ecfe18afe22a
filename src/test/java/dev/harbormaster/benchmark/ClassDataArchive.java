package dev.harbormaster.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes the packaged bot's class-data archive the way the image does ({@code deploy/app-cds-archive.sh}, a training
 * start with the same JVM options), so the benchmark's start-up figures are the image's.
 */
final class ClassDataArchive {

    private ClassDataArchive() {
    }

    /** @return the script's summary line (size, training time) */
    static String make(Path appDir, String jvmOptions, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("deploy", "app-cds-archive.sh").toAbsolutePath().toString(),
                appDir.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_OPTS", jvmOptions);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("deploy/app-cds-archive.sh took over 10 minutes; its output: " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).trim();
        if (process.exitValue() != 0) {
            throw new AssertionError("deploy/app-cds-archive.sh failed:\n" + output);
        }
        return output.substring(output.lastIndexOf('\n') + 1);
    }
}
