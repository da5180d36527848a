package dev.stratus.api.function;

/** A language runtime functions can be written for. */
public record Runtime(String name, String language, String version, String defaultHandler, String extension,
                      String codeSample) {
}
