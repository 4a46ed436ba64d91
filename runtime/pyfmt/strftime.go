package pyfmt

import (
	"strconv"
	"time"
)

// A Tm is a broken-down time, like C's struct tm, computed once per record
// so that each strftime directive is a field read.
type Tm struct {
	Year    int    // the year, e.g. 2023
	Month   int    // 1–12
	Day     int    // day of the month, 1–31
	Hour    int    // 0–23
	Minute  int    // 0–59
	Second  int    // 0–60
	Weekday int    // 0–6, 0 is Sunday
	Yday    int    // day of the year, 1–366
	Zone    string // zone abbreviation, e.g. "UTC"
	Offset  int    // seconds east of UTC
	Unix    int64  // seconds since the Unix epoch
}

// MakeTm breaks t down in its own location.
func MakeTm(t time.Time) Tm {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	zone, off := t.Zone()
	return Tm{
		Year: y, Month: int(mo), Day: d,
		Hour: h, Minute: mi, Second: s,
		Weekday: int(t.Weekday()), Yday: t.YearDay(),
		Zone: zone, Offset: off, Unix: t.Unix(),
	}
}

var (
	monthNames = [13]string{"", "January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	monthAbbr = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	dayNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	dayAbbr  = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// MonthName returns the full name of month m (1–12) in the C locale, as
// strftime's %B writes it: "January".
func MonthName(m int) string { return monthNames[m%13] }

// MonthAbbr returns the abbreviated name of month m (1–12) in the C
// locale, as strftime's %b writes it: "Jan".
func MonthAbbr(m int) string { return monthAbbr[m%13] }

// DayName returns the full name of weekday d (0 is Sunday) in the C
// locale, as strftime's %A writes it: "Sunday".
func DayName(d int) string { return dayNames[d%7] }

// DayAbbr returns the abbreviated name of weekday d (0 is Sunday) in the C
// locale, as strftime's %a writes it: "Sun".
func DayAbbr(d int) string { return dayAbbr[d%7] }

// AppendPad appends the decimal v to b, padded on the left with pad to
// width characters; pad 0 means no padding. A negative v has its '-' before
// the padding ("-05", "- 5"), as glibc's strftime writes it; the sign counts
// toward the width.
func AppendPad(b []byte, v, width int, pad byte) []byte {
	// Fast paths for the common two- and three-digit fields and for years.
	switch {
	case v >= 0 && v < 100 && width == 2:
		if v < 10 {
			if pad == 0 {
				return append(b, byte('0'+v))
			}
			return append(b, pad, byte('0'+v))
		}
		return append(b, byte('0'+v/10), byte('0'+v%10))
	case v >= 100 && v < 1000 && width <= 3:
		return append(b, byte('0'+v/100), byte('0'+v/10%10), byte('0'+v%10))
	case v >= 1000 && v < 10000 && width <= 4:
		return append(b, byte('0'+v/1000), byte('0'+v/100%10), byte('0'+v/10%10), byte('0'+v%10))
	}
	var scratch [24]byte
	digits := strconv.AppendUint(scratch[:0], uint64(v), 10)
	if v < 0 {
		digits = strconv.AppendUint(scratch[:0], -uint64(v), 10)
		b = append(b, '-')
		width--
	}
	if pad != 0 {
		for n := width - len(digits); n > 0; n-- {
			b = append(b, pad)
		}
	}
	return append(b, digits...)
}

// AppendDefaultAsctime appends the time as Python's Formatter.formatTime
// writes it without a datefmt: "%Y-%m-%d %H:%M:%S" and ",%03d" of msecs,
// e.g. "2023-11-14 22:13:20,123".
func AppendDefaultAsctime(b []byte, t *Tm, msecs int) []byte {
	b = AppendPad(b, t.Year, 1, '0')
	b = append(b, '-')
	b = AppendPad(b, t.Month, 2, '0')
	b = append(b, '-')
	b = AppendPad(b, t.Day, 2, '0')
	b = append(b, ' ')
	b = AppendPad(b, t.Hour, 2, '0')
	b = append(b, ':')
	b = AppendPad(b, t.Minute, 2, '0')
	b = append(b, ':')
	b = AppendPad(b, t.Second, 2, '0')
	b = append(b, ',')
	return AppendPad(b, msecs, 3, '0')
}

// ValidStrftimeDirective reports whether AppendDirective implements the
// directive %<flag><d>: flag is 0 or one of glibc's "-_0^#", d one of
// "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%".
func ValidStrftimeDirective(flag, d byte) bool {
	switch flag {
	case 0, '-', '_', '0', '^', '#':
	default:
		return false
	}
	switch d {
	case 'a', 'A', 'b', 'B', 'c', 'C', 'd', 'D', 'e', 'F', 'g', 'G', 'h', 'H', 'I', 'j', 'k', 'l',
		'm', 'M', 'n', 'p', 'P', 'r', 'R', 's', 'S', 't', 'T', 'u', 'U', 'V', 'w', 'W', 'x', 'X',
		'y', 'Y', 'z', 'Z', '%':
		return true
	}
	return false
}

// tmNum appends a number directive: width digits padded with def ('0' or
// ' '), or as the flag says: '-' no padding, '_' spaces, '0' zeros.
func tmNum(b []byte, v, width int, def, flag byte) []byte {
	switch flag {
	case '-':
		def = 0
	case '_':
		def = ' '
	case '0':
		def = '0'
	}
	return AppendPad(b, v, width, def)
}

// tmText appends a name, upper- or lower-cased.
func tmText(b []byte, s string, upper, lower bool) []byte {
	start := len(b)
	b = append(b, s...)
	switch {
	case lower:
		tmLower(b[start:])
	case upper:
		tmUpper(b[start:])
	}
	return b
}

func tmUpper(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
}

func tmLower(b []byte) {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c - 'A' + 'a'
		}
	}
}

// isoWeekDays is glibc's iso_week_days: the days since the start of the
// ISO year's first week, for a 0-based day of the year and weekday.
func isoWeekDays(yday, wday int) int {
	const bigEnoughMultipleOf7 = (366/7 + 2) * 7
	return yday - (yday-wday+4+bigEnoughMultipleOf7)%7 + 4 - 1
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// iso returns the ISO 8601 week-based year and week number.
func (t *Tm) iso() (year, week int) {
	yday := t.Yday - 1
	year = t.Year
	days := isoWeekDays(yday, t.Weekday)
	if days < 0 {
		year--
		n := 365
		if isLeap(year) {
			n++
		}
		days = isoWeekDays(yday+n, t.Weekday)
	} else {
		n := 365
		if isLeap(year) {
			n++
		}
		if d := isoWeekDays(yday-n, t.Weekday); d >= 0 {
			year++
			days = d
		}
	}
	return year, days/7 + 1
}

// hour12 is the hour on a 12-hour clock, 1–12.
func (t *Tm) hour12() int {
	h := t.Hour % 12
	if h == 0 {
		h = 12
	}
	return h
}

// AppendDirective appends the strftime directive %<flag><d> as glibc's
// strftime writes it in the C locale; flag 0 means none. The flags are
// glibc's: '-' does not pad a number, '_' pads it with spaces, '0' with
// zeros; '^' upper-cases the text; '#' swaps its case the glibc way (upper
// case for %a %A %b %B %h, lower case for %p and %Z). A directive
// ValidStrftimeDirective rejects is appended as written, as glibc does.
func (t *Tm) AppendDirective(b []byte, flag byte, d byte) []byte {
	upper := flag == '^'
	swap := flag == '#'
	switch d {
	case 'a':
		return tmText(b, dayAbbr[t.Weekday%7], upper || swap, false)
	case 'A':
		return tmText(b, dayNames[t.Weekday%7], upper || swap, false)
	case 'b', 'h':
		return tmText(b, monthAbbr[t.Month%13], upper || swap, false)
	case 'B':
		return tmText(b, monthNames[t.Month%13], upper || swap, false)
	case 'p':
		if t.Hour >= 12 {
			return tmText(b, "PM", false, swap)
		}
		return tmText(b, "AM", false, swap)
	case 'P':
		if t.Hour >= 12 {
			return append(b, "pm"...)
		}
		return append(b, "am"...)
	case 'Z':
		return tmText(b, t.Zone, upper, swap)
	case 'c', 'D', 'F', 'r', 'R', 'T', 'x', 'X':
		start := len(b)
		switch d {
		case 'c':
			b = t.AppendDirective(b, 0, 'a')
			b = append(b, ' ')
			b = t.AppendDirective(b, 0, 'b')
			b = append(b, ' ')
			b = t.AppendDirective(b, 0, 'e')
			b = append(b, ' ')
			b = t.AppendDirective(b, 0, 'T')
			b = append(b, ' ')
			b = t.AppendDirective(b, 0, 'Y')
		case 'D', 'x':
			b = AppendPad(b, t.Month, 2, '0')
			b = append(b, '/')
			b = AppendPad(b, t.Day, 2, '0')
			b = append(b, '/')
			b = t.AppendDirective(b, 0, 'y')
		case 'F':
			b = t.AppendDirective(b, 0, 'Y')
			b = append(b, '-')
			b = AppendPad(b, t.Month, 2, '0')
			b = append(b, '-')
			b = AppendPad(b, t.Day, 2, '0')
		case 'r':
			b = AppendPad(b, t.hour12(), 2, '0')
			b = append(b, ':')
			b = AppendPad(b, t.Minute, 2, '0')
			b = append(b, ':')
			b = AppendPad(b, t.Second, 2, '0')
			b = append(b, ' ')
			b = t.AppendDirective(b, 0, 'p')
		case 'R':
			b = AppendPad(b, t.Hour, 2, '0')
			b = append(b, ':')
			b = AppendPad(b, t.Minute, 2, '0')
		default: // T, X
			b = AppendPad(b, t.Hour, 2, '0')
			b = append(b, ':')
			b = AppendPad(b, t.Minute, 2, '0')
			b = append(b, ':')
			b = AppendPad(b, t.Second, 2, '0')
		}
		if upper {
			tmUpper(b[start:])
		}
		return b
	case 'C':
		c := t.Year / 100
		if t.Year < 0 && t.Year%100 != 0 {
			c--
		}
		return tmNum(b, c, 1, 0, flag)
	case 'd':
		return tmNum(b, t.Day, 2, '0', flag)
	case 'e':
		return tmNum(b, t.Day, 2, ' ', flag)
	case 'g':
		y, _ := t.iso()
		return tmNum(b, tmYear2(y), 2, '0', flag)
	case 'G':
		y, _ := t.iso()
		return tmNum(b, y, 1, 0, flag)
	case 'H':
		return tmNum(b, t.Hour, 2, '0', flag)
	case 'I':
		return tmNum(b, t.hour12(), 2, '0', flag)
	case 'j':
		return tmNum(b, t.Yday, 3, '0', flag)
	case 'k':
		return tmNum(b, t.Hour, 2, ' ', flag)
	case 'l':
		return tmNum(b, t.hour12(), 2, ' ', flag)
	case 'm':
		return tmNum(b, t.Month, 2, '0', flag)
	case 'M':
		return tmNum(b, t.Minute, 2, '0', flag)
	case 'n':
		return append(b, '\n')
	case 't':
		return append(b, '\t')
	case 's':
		return strconv.AppendInt(b, t.Unix, 10)
	case 'S':
		return tmNum(b, t.Second, 2, '0', flag)
	case 'u':
		w := t.Weekday
		if w == 0 {
			w = 7
		}
		return tmNum(b, w, 1, '0', flag)
	case 'U':
		return tmNum(b, (t.Yday-1-t.Weekday+7)/7, 2, '0', flag)
	case 'V':
		_, w := t.iso()
		return tmNum(b, w, 2, '0', flag)
	case 'w':
		return tmNum(b, t.Weekday, 1, '0', flag)
	case 'W':
		return tmNum(b, (t.Yday-1-(t.Weekday-1+7)%7+7)/7, 2, '0', flag)
	case 'y':
		return tmNum(b, tmYear2(t.Year), 2, '0', flag)
	case 'Y':
		return tmNum(b, t.Year, 1, 0, flag)
	case 'z':
		off := t.Offset
		if off < 0 {
			b = append(b, '-')
			off = -off
		} else {
			b = append(b, '+')
		}
		return tmNum(b, off/3600*100+off/60%60, 4, '0', flag)
	case '%':
		return append(b, '%')
	}
	b = append(b, '%')
	if flag != 0 {
		b = append(b, flag)
	}
	return append(b, d)
}

// tmYear2 is the year within its century, 0–99, as %y prints it.
func tmYear2(y int) int {
	yy := y % 100
	if yy < 0 {
		yy = -yy
	}
	return yy
}

// ParseTimeOfDay parses a time of day written "HH:MM" or "HH:MM:SS"
// (24-hour, two digits each, as strptime's "%H:%M:%S" reads it) and returns
// the seconds after midnight. It is how loggen spells the atTime of a
// TimedRotatingFileHandler, for which Python takes a datetime.time.
func ParseTimeOfDay(s string) (secs int, ok bool) {
	if len(s) != 5 && len(s) != 8 {
		return 0, false
	}
	limits := [3]int{23, 59, 59}
	for i := 0; i < len(s); i += 3 {
		if i > 0 && s[i-1] != ':' {
			return 0, false
		}
		a, b := s[i], s[i+1]
		if a < '0' || a > '9' || b < '0' || b > '9' {
			return 0, false
		}
		n := int(a-'0')*10 + int(b-'0')
		if n > limits[i/3] {
			return 0, false
		}
		secs = secs*60 + n
	}
	if len(s) == 5 {
		secs *= 60
	}
	return secs, true
}
