"""Numbers, money and dates as leases write them: words, figures and the many date formats.

Also the exact-decimal helpers (half-up rounding to cents) and month arithmetic that every
truth derivation in the corpus goes through.
"""

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON3 = [m[:3] for m in MONTHS]

_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def D(x):
    """Exact decimal from int/str/Decimal (never from a float)."""
    if isinstance(x, float):
        raise TypeError("use str or int, not float")
    return Decimal(x)


def q2(x):
    """Round half-up to cents."""
    return D(x).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def money_json(x):
    """Money as a JSON number (float of an exact cents value)."""
    return None if x is None else float(q2(x))


def int_words(n):
    """0 <= n < 10**9 in lower-case words: 24500 -> 'twenty-four thousand five hundred'."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        t, o = divmod(n, 10)
        return _TENS[t] + ("-" + _ONES[o] if o else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return _ONES[h] + " hundred" + (" " + int_words(r) if r else "")
    for size, name in ((10 ** 6, "million"), (1000, "thousand")):
        if n >= size:
            big, r = divmod(n, size)
            return int_words(big) + " " + name + (" " + int_words(r) if r else "")
    raise ValueError(n)


def ordinal_words(n):
    """60 -> 'sixtieth', 21 -> 'twenty-first'."""
    w = int_words(n)
    head, sep, last = w.rpartition("-") if "-" in w.split(" ")[-1] else w.rpartition(" ")
    special = {"one": "first", "two": "second", "three": "third", "five": "fifth",
               "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
    if last in special:
        last = special[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last = last + "th"
    return head + sep + last


def ordinal(n):
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def title_words(s):
    """'twenty-four thousand' -> 'Twenty-Four Thousand'."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in s.split(" "))


def count_phrase(n, case="lower"):
    """'sixty (60)' / 'Sixty (60)' / 'SIXTY (60)'."""
    w = int_words(n)
    if case == "title":
        w = title_words(w)
    elif case == "upper":
        w = w.upper()
    return f"{w} ({n})"


def fmt_money(x, cents=True, space=False):
    """$24,500.00 (or $24,500 when cents=False and the amount is whole)."""
    x = q2(x)
    s = f"{x:,.2f}"
    if not cents and s.endswith(".00"):
        s = s[:-3]
    return ("$ " if space else "$") + s


def money_words(x, style=0):
    """'Twenty-Four Thousand Five Hundred and No/100 Dollars' and variants."""
    x = q2(x)
    whole = int(x)
    c = int((x - whole) * 100)
    w = title_words(int_words(whole))
    if style == 0:
        return f"{w} and {'No' if c == 0 else f'{c:02d}'}/100 Dollars"
    if style == 1:
        return (f"{w} Dollars" if c == 0 else f"{w} and {c:02d}/100 Dollars").upper()
    if style == 2:
        return f"{w} Dollars" + (f" and {title_words(int_words(c))} Cents" if c else "")
    return f"{w} and {'00' if c == 0 else f'{c:02d}'}/100 Dollars"


def money_both(x, style=0):
    """'Twenty-Four Thousand Five Hundred and No/100 Dollars ($24,500.00)'."""
    return f"{money_words(x, style)} ({fmt_money(x)})"


def pct_text(p, words=True):
    """Decimal('0.03') -> 'three percent (3%)' ; 0.025 -> 'two and one-half percent (2.5%)'."""
    v = p * 100
    fig = f"{v.normalize():f}%"
    if not words:
        return fig
    if v == v.to_integral_value():
        return f"{int_words(int(v))} percent ({fig})"
    whole = int(v)
    frac = v - whole
    fw = {Decimal("0.5"): "one-half", Decimal("0.25"): "one-quarter",
          Decimal("0.75"): "three-quarters"}.get(frac)
    if fw is None:
        return f"{fig}"
    return f"{int_words(whole)} and {fw} percent ({fig})"


def add_months(d, n):
    """Same day-of-month n months later (corpus dates use days 1..28 only)."""
    y, m = divmod(d.month - 1 + n, 12)
    return _dt.date(d.year + y, m + 1, min(d.day, 28) if d.day > 28 else d.day)


def period_end(start, months):
    """Last day of a period of whole months beginning on start."""
    return add_months(start, months) - _dt.timedelta(days=1)


def months_between(start, end_inclusive):
    """Whole months from start to end (inclusive end); raises unless exact."""
    for n in range(1, 1000):
        e = period_end(start, n)
        if e == end_inclusive:
            return n
        if e > end_inclusive:
            break
    raise ValueError((start, end_inclusive))


def fmt_date(d, style):
    """Date formats seen in leases."""
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "long_ord":
        return f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}"
    if style == "dayof":
        return f"{ordinal(d.day)} day of {MONTHS[d.month - 1]}, {d.year}"
    if style == "numeric":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "short":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if style == "slash4":
        return f"{d.month}/{d.day}/{d.year}"
    if style == "iso":
        return d.isoformat()
    if style == "dmy":
        return f"{d.day:02d}-{MON3[d.month - 1]}-{d.year % 100:02d}"
    if style == "mon":
        return f"{MON3[d.month - 1]} {d.day}, {d.year}"
    if style == "eu":
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    raise ValueError(style)


def fmt_area(a):
    return f"{a:,}"


def fmt_num(x, places=2):
    return f"{q2(x):,.2f}" if places == 2 else f"{x:,}"
