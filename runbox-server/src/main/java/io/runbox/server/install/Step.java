package io.runbox.server.install;

import java.io.IOException;

/**
 * One thing the installer does or undoes: some Debian packages, one npm package, one Maven artifact, a root image,
 * some packages in one, or a recipe's {@code prepare} command.
 */
sealed interface Step permits AptStep, NpmStep, MavenStep, ImageStep, ImagePackagesStep, PrepareStep {

    /** What it installs, for a progress line: {@code apt-get install gfortran}. */
    String describe();

    /** Whether it is installed already (an install then does nothing). */
    boolean installed() throws IOException;

    /** Roughly how much it adds to the disk, in bytes, or -1 when that is not known before installing. */
    long sizeBytes() throws IOException;

    /** Installs it; a failure leaves nothing half-installed that a later run would take for installed. */
    void install() throws IOException;

    /** Removes it. */
    void uninstall() throws IOException;
}
