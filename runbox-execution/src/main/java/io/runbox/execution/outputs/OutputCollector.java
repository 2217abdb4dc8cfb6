package io.runbox.execution.outputs;

import io.runbox.core.OutputFile;
import io.runbox.core.OutputSpec;
import io.runbox.execution.RequestRejectedException;
import io.runbox.sandbox.fs.BoxTree;
import io.runbox.sandbox.fs.BoxTree.FileInfo;
import io.runbox.sandbox.fs.WorkspaceLimitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the files a run left that its request asked for, through the safe file layer only: the workspace is
 * listed without following a link or opening anything but regular files of its own filesystem, at most
 * {@value #MAX_ENTRIES} entries are looked at, and each chosen file is read through its own descriptor up to its cap.
 *
 * <p>What comes back, in name order: the files matching {@link OutputSpec#globs()}; with {@link OutputSpec#images()},
 * every image file (by name) the run created, or whose modification time differs from the {@link #snapshot} taken
 * before the run (the sandbox changes owners, so status-change times tell nothing; a program that resets a file's
 * modification time only hides its own output); and always the figures Runbox's own matplotlib backend saved
 * under {@value #FIGURES_DIR}. A file over the per-file cap comes back cut when its name says text (whole
 * characters, {@code truncated}), else {@code omitted}; once the run's total is spent, or past
 * {@link OutputSpec#maxFiles()} files, the rest are {@code omitted}, and past twice that count they are not listed.
 */
public final class OutputCollector {
    /** Where the figures of {@code plt.show()} are saved, relative to the workspace. */
    public static final String FIGURES_DIR = ".runbox-figures";
    /** The most entries of a workspace looked at for one run's files. */
    public static final int MAX_ENTRIES = 20_000;
    private static final int MAX_FIGURES = 256;

    private OutputCollector() {
    }

    /** The modification times of the workspace's files before a run, when {@code spec} asks for new images. */
    public static Map<String, Long> snapshot(Path root, OutputSpec spec) throws IOException {
        if (!spec.images()) {
            return Map.of();
        }
        Map<String, Long> before = new HashMap<>();
        try (BoxTree tree = BoxTree.open(root)) {
            for (FileInfo f : tree.files(MAX_ENTRIES).files()) {
                before.put(f.path(), f.modifiedNanos());
            }
        }
        return before;
    }

    /**
     * The files of the workspace at {@code root} that {@code spec} asks for, read after the run; {@code before} is
     * the run's {@link #snapshot}. Patterns were checked with the request ({@link Globs#of}).
     */
    public static List<OutputFile> collect(Path root, OutputSpec spec, Map<String, Long> before) throws IOException {
        Globs globs;
        try {
            globs = Globs.of(spec.globs());
        } catch (RequestRejectedException e) {
            throw new IllegalArgumentException("output_files patterns must be checked with the request", e);
        }
        try (BoxTree tree = BoxTree.open(root)) {
            List<FileInfo> chosen = new ArrayList<>();
            List<FileInfo> listed = spec.asksForFiles() ? tree.files(MAX_ENTRIES).files()
                    : tree.files(FIGURES_DIR, MAX_FIGURES).files();
            for (FileInfo f : listed) {
                if (f.path().startsWith(FIGURES_DIR + "/") || globs.matches(f.path())
                        || spec.images() && MediaTypes.isImage(MediaTypes.byName(f.path()))
                        && !Long.valueOf(f.modifiedNanos()).equals(before.get(f.path()))) {
                    chosen.add(f);
                }
            }
            chosen.sort(Comparator.comparing(FileInfo::path));
            List<OutputFile> out = new ArrayList<>();
            long budget = spec.maxTotalBytes();
            for (FileInfo f : chosen) {
                if (out.size() >= 2 * spec.maxFiles()) {
                    break;
                }
                OutputFile file = out.size() >= spec.maxFiles() ? OutputFile.omitted(f.path(), f.size(),
                        MediaTypes.byName(f.path())) : read(tree, f, Math.min(spec.maxFileBytes(), budget));
                if (file != null) {
                    out.add(file);
                    if (!file.omitted()) {
                        budget -= returnedBytes(file);
                    }
                }
            }
            return out;
        }
    }

    /**
     * {@link #collect}, or no files when the workspace cannot be read: the run's own result stands, and a workspace
     * the program made unreadable costs it its files, never its result.
     */
    public static List<OutputFile> collectOrNone(Path root, OutputSpec spec, Map<String, Long> before) {
        try {
            return collect(root, spec, before);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** One chosen file, whole within {@code cap} bytes, cut when over it and text, else omitted; null if gone. */
    private static OutputFile read(BoxTree tree, FileInfo f, long cap) throws IOException {
        String byName = MediaTypes.byName(f.path());
        boolean fits = f.size() <= cap;
        if (!fits && (!MediaTypes.textByName(f.path()) || cap == 0)) {
            return OutputFile.omitted(f.path(), f.size(), byName);
        }
        byte[] bytes;
        long size;
        try (BoxTree.FileRead read = tree.openFile(f.path(), Long.MAX_VALUE)) {
            size = read.size();
            bytes = read.content().readNBytes((int) Math.min(cap, Integer.MAX_VALUE - 16));
        } catch (NoSuchFileException e) {
            return null; // replaced meanwhile by something that is not a regular file of this workspace
        } catch (WorkspaceLimitException e) {
            return OutputFile.omitted(f.path(), f.size(), byName);
        }
        String mime = MediaTypes.of(f.path(), bytes);
        boolean whole = size <= bytes.length;
        int textLength = whole ? bytes.length : MediaTypes.wholeCharacters(bytes, bytes.length);
        boolean text = !MediaTypes.isImage(mime) || mime.equals("image/svg+xml");
        if (text && MediaTypes.isText(bytes, textLength)) {
            String content = new String(bytes, 0, textLength, StandardCharsets.UTF_8);
            return new OutputFile(f.path(), size, mime.equals(MediaTypes.OCTET_STREAM) ? MediaTypes.TEXT : mime,
                    OutputFile.UTF_8, content, !whole, false);
        }
        if (!whole) {
            return OutputFile.omitted(f.path(), size, mime);
        }
        return new OutputFile(f.path(), size, mime, OutputFile.BASE64, Base64.getEncoder().encodeToString(bytes),
                false, false);
    }

    /** The bytes of the file a returned entry holds: the text's, or the whole file's in base64. */
    private static long returnedBytes(OutputFile f) {
        return OutputFile.UTF_8.equals(f.encoding()) ? f.content().getBytes(StandardCharsets.UTF_8).length : f.size();
    }
}
