package dev.stratus.api.code;

/** A function was deleted: its archive can go once the deletion is committed. */
public record CodeDiscarded(String functionId) {
}
