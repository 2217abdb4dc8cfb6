package io.runbox.execution.warm;

import io.runbox.core.BoxCommand;
import io.runbox.core.SourceFile;
import java.nio.file.Path;
import java.util.List;

/**
 * One compile for a warm compiler.
 *
 * @param compilerId   the compiler (one pool of warm compilers per compiler and {@link #server} command)
 * @param server       starts the compiler's driver; its limits are the compile stage's (wall time: one compile's)
 * @param driverSource the driver's file on the host
 * @param driverName   the driver's name in the compiler's workspace
 * @param arguments    the compile command after its program, as the compiler would be given them
 * @param files        the request's files, written where the compile command would find them
 */
public record WarmCompileRequest(String compilerId, BoxCommand server, Path driverSource, String driverName,
                                 List<String> arguments, List<SourceFile> files) {
    public WarmCompileRequest {
        arguments = List.copyOf(arguments);
        files = List.copyOf(files);
    }
}
