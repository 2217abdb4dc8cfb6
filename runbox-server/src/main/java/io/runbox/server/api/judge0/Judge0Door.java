package io.runbox.server.api.judge0;

import io.runbox.execution.ExecutionConfig;
import io.runbox.server.exec.RunService;

/**
 * The parts the Judge0 routes and job runner share, built once: the language ids, the submission parser, the mapper to
 * the engine, the judge and the view. Reading every {@code judge0.yaml} here makes a broken one stop the start.
 *
 * @param prefix the path the door is served under besides the root; empty for none
 */
public record Judge0Door(String prefix, Judge0Languages languages, Judge0SubmissionParser parser,
                         Judge0Mapper mapper, Judge0JobRunner runner, Judge0View view) {

    public static Judge0Door of(RunService runService, ExecutionConfig config, String prefix) {
        Judge0Languages languages = new Judge0Languages(runService.catalogue());
        languages.installed();
        Judge0Mapper mapper = new Judge0Mapper(config.maxFiles(), config.maxCodeBytes());
        return new Judge0Door(prefix, languages, new Judge0SubmissionParser(languages,
                new Judge0SubmissionParser.Bounds(config.maxCodeBytes(), config.maxStdinBytes(), config.maxFiles())),
                mapper, new Judge0JobRunner(languages, mapper, new Judge0Judge(runService)), new Judge0View(languages));
    }
}
