package io.llmpolicy.guard;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Cryptocurrency wallet addresses: Bitcoin legacy/P2SH Base58Check ({@code 1...}/{@code 3...}, 26-35 characters,
 * version byte 0x00 or 0x05, double-SHA-256 checksum verified), Bitcoin SegWit Bech32/Bech32m ({@code bc1...},
 * checksum verified, witness version and program length checked), and Ethereum ({@code 0x} + 40 hex digits; the
 * EIP-55 mixed-case checksum needs Keccak-256 and is not verified).
 */
final class Wallets {
    private static final String ID = BuiltinDetector.CRYPTO_WALLET.id();
    private static final String B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String B32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] B58_VALUE = new int[128];
    private static final int[] B32_VALUE = new int[128];

    static {
        java.util.Arrays.fill(B58_VALUE, -1);
        java.util.Arrays.fill(B32_VALUE, -1);
        for (int k = 0; k < B58.length(); k++) B58_VALUE[B58.charAt(k)] = k;
        for (int k = 0; k < B32.length(); k++) {
            B32_VALUE[B32.charAt(k)] = k;
            B32_VALUE[Character.toUpperCase(B32.charAt(k))] = k;
        }
    }

    private Wallets() {}

    static void scan(ScanState s, int a, int b, int from) {
        char[] buf = s.buf;
        for (int j = a; j + 26 <= b; j++) {
            if (j > a && CharClass.isAsciiAlnum(buf[j - 1])) continue;
            int r = j;
            while (r < b && CharClass.isAsciiAlnum(buf[r])) r++;
            String label = null;
            char c = buf[j];
            if (c == '0' && (buf[j + 1] == 'x' || buf[j + 1] == 'X') && r - j == 42 && hex(buf, j + 2, r)) {
                label = "ethereum";
            } else if ((c == '1' || c == '3') && r - j <= 35 && base58check(s, j, r)) {
                label = "bitcoin";
            } else if ((c == 'b' || c == 'B') && r - j >= 14 && r - j <= 74 && bech32(buf, j, r)) {
                label = "bitcoin-bech32";
            }
            if (label != null && !s.overlapsSince(from, j, r)) s.emit(ID, j, r, label);
            j = r;
        }
    }

    private static boolean hex(char[] buf, int a, int b) {
        for (int k = a; k < b; k++) {
            if (!CharClass.isHex(buf[k])) return false;
        }
        return true;
    }

    /** Base58Check with a Bitcoin mainnet version byte (0x00 P2PKH, 0x05 P2SH). */
    static boolean base58check(ScanState s, int a, int b) {
        byte[] out = new byte[25];
        for (int k = a; k < b; k++) {
            char c = s.buf[k];
            int v = c < 128 ? B58_VALUE[c] : -1;
            if (v < 0) return false;
            int carry = v;
            for (int q = 24; q >= 0; q--) {
                carry += (out[q] & 0xFF) * 58;
                out[q] = (byte) carry;
                carry >>>= 8;
            }
            if (carry != 0) return false;
        }
        // leading '1's encode leading zero bytes
        int ones = 0;
        while (a + ones < b && s.buf[a + ones] == '1') ones++;
        int zeros = 0;
        while (zeros < 25 && out[zeros] == 0) zeros++;
        if (zeros != ones) return false;
        if (out[0] != 0x00 && out[0] != 0x05) return false;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(out, 0, 21);
            byte[] h = sha.digest(sha.digest());
            for (int k = 0; k < 4; k++) {
                if (h[k] != out[21 + k]) return false;
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** BIP-173 / BIP-350 SegWit address with human-readable part {@code bc}. */
    static boolean bech32(char[] buf, int a, int b) {
        if (!(buf[a + 1] == 'c' || buf[a + 1] == 'C') || buf[a + 2] != '1') return false;
        boolean lower = false;
        boolean upper = false;
        for (int k = a; k < b; k++) {
            if (Character.isLowerCase(buf[k])) lower = true;
            if (Character.isUpperCase(buf[k])) upper = true;
        }
        if (lower && upper) return false;
        int n = b - (a + 3);
        if (n < 6 + 1) return false;
        int[] data = new int[n];
        for (int k = 0; k < n; k++) {
            char c = buf[a + 3 + k];
            int v = c < 128 ? B32_VALUE[c] : -1;
            if (v < 0) return false;
            data[k] = v;
        }
        int chk = 1;
        chk = polymodStep(chk, 'b' >> 5);
        chk = polymodStep(chk, 'c' >> 5);
        chk = polymodStep(chk, 0);
        chk = polymodStep(chk, 'b' & 31);
        chk = polymodStep(chk, 'c' & 31);
        for (int v : data) chk = polymodStep(chk, v);
        int version = data[0];
        int constant = version == 0 ? 1 : 0x2bc830a3;
        if (chk != constant || version > 16) return false;
        int programBits = (n - 1 - 6) * 5;
        int programBytes = programBits / 8;
        if (programBits % 8 >= 5) return false;
        if (programBytes < 2 || programBytes > 40) return false;
        return version != 0 || programBytes == 20 || programBytes == 32;
    }

    private static int polymodStep(int chk, int v) {
        int top = chk >>> 25;
        chk = (chk & 0x1ffffff) << 5 ^ v;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }
}
