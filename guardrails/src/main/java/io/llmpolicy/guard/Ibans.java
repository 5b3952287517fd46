package io.llmpolicy.guard;

/**
 * International Bank Account Numbers (ISO 13616): two upper-case country letters, two check digits and a BBAN of
 * upper-case letters and digits, with the registered length for that country, either contiguous or printed in groups
 * of four separated by single spaces, and an ISO 7064 mod-97 remainder of 1.
 */
final class Ibans {
    private static final String ID = BuiltinDetector.IBAN.id();
    private static final byte[] LENGTH = new byte[26 * 26];
    private static final String[] LABEL = new String[26 * 26];

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 "
                + "IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 "
                + "MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 "
                + "SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20";
        for (String e : table.split(" ")) {
            int k = (e.charAt(0) - 'A') * 26 + (e.charAt(1) - 'A');
            LENGTH[k] = (byte) Integer.parseInt(e.substring(2));
            LABEL[k] = "iban:" + e.substring(0, 2);
        }
    }

    private Ibans() {}

    /** Registered IBAN length of a country, or 0. */
    static int length(char a, char b) {
        if (!CharClass.isUpper(a) || !CharClass.isUpper(b)) return 0;
        return LENGTH[(a - 'A') * 26 + (b - 'A')];
    }

    /** Scans an IBAN whose country letters start at {@code j0}; {@code i = j0 + 2} is the first check digit. */
    static int scan(ScanState s, int j0, int lim) {
        char[] buf = s.buf;
        int len = length(buf[j0], buf[j0 + 1]);
        if (len == 0 || j0 + 3 >= lim || !CharClass.isDigit(buf[j0 + 3])) return -1;
        int count = 4;
        int j = j0 + 4;
        while (count < len && j < lim) {
            char c = buf[j];
            if (CharClass.isUpper(c) || CharClass.isDigit(c)) {
                count++;
                j++;
            } else if (c == ' ' && (count & 3) == 0 && j + 1 < lim
                    && (CharClass.isUpper(buf[j + 1]) || CharClass.isDigit(buf[j + 1]))) {
                j++;
            } else {
                break;
            }
        }
        if (count != len || !Bounds.right(s, j, lim)) return -1;
        // mod 97 of BBAN + country + check digits, letters as 10..35
        int rem = 0;
        for (int k = j0 + 4; k < j; k++) rem = step(rem, buf[k]);
        for (int k = j0; k < j0 + 4; k++) rem = step(rem, buf[k]);
        if (rem != 1) return -1;
        s.emit(ID, j0, j, LABEL[(buf[j0] - 'A') * 26 + (buf[j0 + 1] - 'A')]);
        return j;
    }

    private static int step(int rem, char c) {
        if (c == ' ') return rem;
        if (c <= '9') return (rem * 10 + (c - '0')) % 97;
        return (rem * 100 + (c - 'A' + 10)) % 97;
    }
}
