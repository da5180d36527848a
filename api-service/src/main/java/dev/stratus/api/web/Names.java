package dev.stratus.api.web;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Resource names end up in hostnames and image names, so they follow DNS label rules. */
public final class Names {
    public static final int MAX_LENGTH = 34;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static void check(RequestFields fields, String argument, String name) {
        if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
            fields.reject(argument, "constraint", "must be 1 to " + MAX_LENGTH
                    + " lowercase letters, digits or dashes, starting and ending with a letter or digit");
        }
    }

    public static String randomSuffix(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private Names() {
    }
}
