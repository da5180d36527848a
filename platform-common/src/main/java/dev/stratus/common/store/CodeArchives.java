package dev.stratus.api.code;

/** Where a function's uploaded zip lives in the object store. One archive per function: the last upload. */
public final class CodeArchives {

    public static String keyFor(String functionId) {
        return "functions/" + functionId + "/code.zip";
    }

    private CodeArchives() {
    }
}
