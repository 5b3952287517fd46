package io.llmpolicy.guard;

/**
 * Dates of birth: a calendar date (numeric day-month-year in either order, ISO year-month-day, or with a month name
 * in English, German, French or Spanish) that follows a birth label such as "DOB", "date of birth", "born",
 * "geboren", "Geburtsdatum", "né le", "date de naissance", "fecha de nacimiento" or "nacido el". An unlabelled date
 * is not personal data on its own and is not reported.
 */
final class BirthDates {
    private static final String ID = BuiltinDetector.DATE_OF_BIRTH.id();

    private static final String[] LABELS = {"date of birth", "birth date", "birthdate", "birthday", "d.o.b", "dob",
        "born", "geburtsdatum", "geburtstag", "geboren", "geb", "date de naissance", "née", "né", "nee",
        "fecha de nacimiento", "fecha nac", "f. nac", "nacimiento", "nacido", "nacida"};
    private static final String[] FILLERS = {"on", "am", "le", "el", "the", "is", "was", "ist", "est", "es", "fue",
        "en", "den"};

    /** Month names and abbreviations in EN, DE, FR, ES (lower case). */
    private static final String[] MONTHS = {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "januar", "jänner", "februar", "märz", "maerz", "mai", "juni", "juli", "oktober", "dezember", "okt", "dez",
        "janvier", "février", "fevrier", "mars", "avril", "juin", "juillet", "août", "aout", "septembre", "octobre",
        "novembre", "décembre", "decembre", "janv", "févr", "fevr", "avr", "juil", "déc",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
        "octubre", "noviembre", "diciembre", "ene", "abr", "ago", "dic"};

    private static final String[] ORDINALS = {"st", "nd", "rd", "th", "er"};

    private BirthDates() {}

    /** Tries a labelled date around the digit run starting at {@code i}. */
    static int scan(ScanState s, int i, int lim) {
        int start = i;
        int end = numeric(s, i, lim);
        if (end < 0) end = dayMonthYear(s, i, lim);
        if (end < 0) {
            start = monthBefore(s, i);
            if (start >= 0) end = monthDayYear(s, i, lim);
        }
        if (end < 0 || !Bounds.left(s.before(start)) || !Bounds.right(s, end, lim) || !labelled(s, start)) return -1;
        s.emit(ID, start, end, "labelled date");
        return end;
    }

    /** {@code d.m.yyyy}, {@code m/d/yyyy}, {@code dd-mm-yy}, {@code yyyy-mm-dd}; returns the end or -1. */
    private static int numeric(ScanState s, int i, int lim) {
        int j = i;
        int a = 0;
        int na = 0;
        while (na < 4 && CharClass.isDigit(s.at(j, lim))) { a = a * 10 + (s.buf[j++] - '0'); na++; }
        char sep = s.at(j, lim);
        if (sep != '.' && sep != '/' && sep != '-') return -1;
        j++;
        int b = 0;
        int nb = 0;
        while (nb < 2 && CharClass.isDigit(s.at(j, lim))) { b = b * 10 + (s.buf[j++] - '0'); nb++; }
        if (nb == 0 || s.at(j, lim) != sep) return -1;
        j++;
        int c = 0;
        int nc = 0;
        while (nc < 4 && CharClass.isDigit(s.at(j, lim))) { c = c * 10 + (s.buf[j++] - '0'); nc++; }
        if (CharClass.isDigit(s.at(j, lim))) return -1;
        if (na == 4) return nc >= 1 && nc <= 2 && year(a, 4) && valid(c, b) ? j : -1;
        if (na > 2 || (nc != 4 && nc != 2) || !year(c, nc)) return -1;
        return valid(a, b) || valid(b, a) ? j : -1;
    }

    /** {@code 12 March 1990}, {@code 12. März 1990}, {@code 12 de marzo de 1990}, {@code 1er janvier 1990}. */
    private static int dayMonthYear(ScanState s, int i, int lim) {
        int j = i;
        int day = 0;
        int nd = 0;
        while (nd < 2 && CharClass.isDigit(s.at(j, lim))) { day = day * 10 + (s.buf[j++] - '0'); nd++; }
        if (day < 1 || day > 31 || CharClass.isDigit(s.at(j, lim))) return -1;
        j = skipOrdinal(s, j, lim);
        if (s.at(j, lim) == '.') j++;
        if (s.at(j, lim) != ' ') return -1;
        j++;
        j = skipWord(s, j, lim, "de ");
        int m = month(s, j, lim);
        if (m < 0) return -1;
        j = m;
        if (s.at(j, lim) == '.') j++;
        if (s.at(j, lim) == ',') j++;
        if (s.at(j, lim) != ' ') return -1;
        j++;
        j = skipWord(s, j, lim, "de ");
        return year4(s, j, lim);
    }

    /** {@code March 12, 1990}, {@code Mar. 12th 1990}: {@code i} is the day's first digit. */
    private static int monthDayYear(ScanState s, int i, int lim) {
        int j = i;
        int day = 0;
        int nd = 0;
        while (nd < 2 && CharClass.isDigit(s.at(j, lim))) { day = day * 10 + (s.buf[j++] - '0'); nd++; }
        if (day < 1 || day > 31 || CharClass.isDigit(s.at(j, lim))) return -1;
        j = skipOrdinal(s, j, lim);
        if (s.at(j, lim) == ',') j++;
        if (s.at(j, lim) != ' ') return -1;
        return year4(s, j + 1, lim);
    }

    /** Start of a month name that ends (with an optional dot) one space before {@code i}, or -1. */
    private static int monthBefore(ScanState s, int i) {
        int p = i - 1;
        if (p < 1 || s.buf[p] != ' ') return -1;
        if (s.buf[p - 1] == '.') p--;
        int e = p;
        int a = e;
        while (a > 0 && a > i - 12 && Character.isLetter(s.buf[a - 1])) a--;
        if (a == e) return -1;
        for (String name : MONTHS) {
            if (name.length() == e - a && Labels.matches(s.buf, a, name)) return a;
        }
        return -1;
    }

    private static int month(ScanState s, int j, int lim) {
        int e = j;
        while (e < lim && Character.isLetter(s.buf[e])) e++;
        if (e == j) return -1;
        for (String name : MONTHS) {
            if (name.length() == e - j && Labels.matches(s.buf, j, name)) return e;
        }
        return -1;
    }

    private static int skipOrdinal(ScanState s, int j, int lim) {
        for (String suf : ORDINALS) {
            if (Character.toLowerCase(s.at(j, lim)) == suf.charAt(0)
                    && Character.toLowerCase(s.at(j + 1, lim)) == suf.charAt(1)
                    && !Character.isLetter(s.at(j + 2, lim))) return j + 2;
        }
        char c = s.at(j, lim);
        return c == 'º' || c == 'ª' ? j + 1 : j;
    }

    private static int skipWord(ScanState s, int j, int lim, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase(s.at(j + k, lim)) != word.charAt(k)) return j;
        }
        return j + word.length();
    }

    private static int year4(ScanState s, int j, int lim) {
        int y = 0;
        for (int k = 0; k < 4; k++) {
            char c = s.at(j + k, lim);
            if (!CharClass.isDigit(c)) return -1;
            y = y * 10 + (c - '0');
        }
        if (CharClass.isDigit(s.at(j + 4, lim)) || !year(y, 4)) return -1;
        return j + 4;
    }

    private static boolean year(int y, int digits) {
        return digits == 2 || (y >= 1900 && y <= 2099);
    }

    private static boolean valid(int day, int month) {
        return month >= 1 && month <= 12 && day >= 1 && day <= (month == 2 ? 29 : 31);
    }

    /** Whether a birth label precedes {@code start}, with separators and up to two filler words in between. */
    static boolean labelled(ScanState s, int start) {
        int floor = Math.max(0, start - 48);
        int p = Labels.skipSeparators(s, start, floor);
        for (int fillers = 0; fillers <= 2; fillers++) {
            if (Labels.endsWithAny(s, p, LABELS, floor)) return true;
            int f = Labels.endsWith(s, p, FILLERS, floor);
            if (f < 0) return false;
            p = Labels.skipSeparators(s, f, floor);
        }
        return false;
    }
}
