package dev.stratus.runtime.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a namespace's public key: PKCS#1 ({@code BEGIN RSA PUBLIC KEY}, as Scaleway hands it out) or X.509.
 * PKCS#1 is a DER sequence of two integers, which the JDK has no reader for.
 */
final class RsaPublicKeys {

    private RsaPublicKeys() {
    }

    static PublicKey fromPem(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PUBLIC KEY");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!pkcs1) {
            return rsa.generatePublic(new X509EncodedKeySpec(der));
        }
        int[] position = {0};
        expect(der, position, 0x30);
        length(der, position);
        BigInteger modulus = integer(der, position);
        BigInteger exponent = integer(der, position);
        return rsa.generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static BigInteger integer(byte[] der, int[] position) throws GeneralSecurityException {
        expect(der, position, 0x02);
        int length = length(der, position);
        if (position[0] + length > der.length) {
            throw new GeneralSecurityException("truncated RSA public key");
        }
        byte[] value = java.util.Arrays.copyOfRange(der, position[0], position[0] + length);
        position[0] += length;
        return new BigInteger(value);
    }

    private static void expect(byte[] der, int[] position, int tag) throws GeneralSecurityException {
        if (position[0] >= der.length || (der[position[0]++] & 0xff) != tag) {
            throw new GeneralSecurityException("not a PKCS#1 RSA public key");
        }
    }

    private static int length(byte[] der, int[] position) throws GeneralSecurityException {
        int first = der[position[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int bytes = first & 0x7f;
        if (bytes > 3) {
            throw new GeneralSecurityException("RSA public key length out of range");
        }
        int length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (der[position[0]++] & 0xff);
        }
        return length;
    }
}
